<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>StudioDesk — complaint desk</source>
        <translation>影楼客怨处理台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>Intake</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>About StudioDesk</source>
        <translation>关于影楼客怨处理台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>New complaint</source>
        <translation>新投诉</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="230"/>
        <source>Register a new complaint (Ctrl+N)</source>
        <translation>登记一条新投诉（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239"/>
        <source>Find a case: number, phone, name, order no. or words (Ctrl+F)</source>
        <translation>查找案件：案件号、电话、姓名、订单号或内容关键词（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>StudioDesk %1 — the complaint desk of a photo and wedding studio.</source>
        <translation>影楼客怨处理台 StudioDesk %1 —— 婚纱影楼的客户投诉处理系统。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>The database cannot be read just now</source>
        <translation>暂时无法读取数据库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Overdue cases: %1</source>
        <translation>超时未办：%1 件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Not assessed within 24 h: %1</source>
        <translation>超过 24 小时未评估：%1 件</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../ui/progress_dialog.py" line="20"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
