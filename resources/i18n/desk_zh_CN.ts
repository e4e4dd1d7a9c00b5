<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="43"/>
        <source>About StudioDesk</source>
        <translation>关于影楼客怨处理台</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="51"/>
        <source>&lt;b&gt;StudioDesk&lt;/b&gt; — the complaint desk of a photo and wedding studio</source>
        <translation>&lt;b&gt;影楼客怨处理台&lt;/b&gt; StudioDesk — 婚纱摄影/影楼门店的客诉处理台</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="52"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="65"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="66"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="67"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="70"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="79"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>StudioDesk — complaint desk</source>
        <translation>影楼客怨处理台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Intake</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>About StudioDesk</source>
        <translation>关于影楼客怨处理台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>New complaint</source>
        <translation>新投诉</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>Register a new complaint (Ctrl+N)</source>
        <translation>登记一条新投诉（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="236"/>
        <source>Find a case: number, phone, name, order no. or words (Ctrl+F)</source>
        <translation>查找案件：案件号、电话、姓名、订单号或内容关键词（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>The database cannot be read just now</source>
        <translation>暂时无法读取数据库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="346"/>
        <source>Overdue cases: %1</source>
        <translation>超时未办：%1 件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="349"/>
        <source>Not assessed within 24 h: %1</source>
        <translation>超过 24 小时未评估：%1 件</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../ui/ops.py" line="236"/>
        <location filename="../../ui/ops.py" line="242"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="237"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="329"/>
        <source>The database cannot be reached just now; nothing was changed. (%1)</source>
        <translation>数据库暂时无法读写，本次操作没有改动任何数据。（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="332"/>
        <source>Something went wrong; the action was not completed. The details are in the log.</source>
        <translation>发生意外错误，操作未完成。详细信息已写入日志。</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="341"/>
        <source>StudioDesk</source>
        <translation>影楼客怨处理台</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>Making the demo database</source>
        <translation>正在生成演示数据库</translation>
    </message>
    <message>
        <source>Opening the database</source>
        <translation>正在打开数据库</translation>
    </message>
</context>
</TS>
