<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoardActions</name>
    <message>
        <location filename="../../ui/board/actions.py" line="45"/>
        <source>Move forward (next stage)</source>
        <translation>前移（下一阶段）</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="46"/>
        <source>Move back (previous stage)</source>
        <translation>后移（上一阶段）</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="47"/>
        <source>Add note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="48"/>
        <source>Print case sheet</source>
        <translation>打印处理单</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="117"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="117"/>
        <source>Note for case %1:</source>
        <translation>案件 %1 的备注：</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="136"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="140"/>
        <source>Move to</source>
        <translation>移到</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="146"/>
        <source>Assign to</source>
        <translation>指派给</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="160"/>
        <source>Department only</source>
        <translation>仅指定部门</translation>
    </message>
    <message>
        <location filename="../../ui/board/actions.py" line="168"/>
        <source>Older closed cases…</source>
        <translation>更早结案的案件…</translation>
    </message>
</context>
<context>
    <name>BoardColumn</name>
    <message>
        <location filename="../../ui/board/column.py" line="113"/>
        <source>%1 overdue</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/column.py" line="116"/>
        <source>%1 cases, %2 overdue</source>
        <translation>共 %1 件，超时 %2 件</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../../ui/board/view.py" line="98"/>
        <source>Refresh board</source>
        <translation>刷新看板</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="216"/>
        <source>The database cannot be read just now; the board shows the last cases read.</source>
        <translation>暂时无法读取数据库，看板显示的是最后读到的案件。</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <location filename="../../ui/board/card_delegate.py" line="51"/>
        <source>Repeat complaint</source>
        <translation>二次投诉</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_delegate.py" line="52"/>
        <source>Imported history</source>
        <translation>历史导入</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_delegate.py" line="53"/>
        <source>Not assigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_delegate.py" line="54"/>
        <source>Closed %1</source>
        <translation>结案于 %1</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>补偿 %1 元</translation>
    </message>
</context>
<context>
    <name>ClosedCasesDialog</name>
    <message>
        <location filename="../../ui/board/closed_list.py" line="44"/>
        <source>Older closed cases</source>
        <translation>更早结案的案件</translation>
    </message>
    <message>
        <location filename="../../ui/board/closed_list.py" line="62"/>
        <source>%1 cases closed more than 7 days ago (board filters apply).</source>
        <translation>结案已超过 7 天的案件共 %1 件（按看板当前的筛选条件）。</translation>
    </message>
    <message>
        <location filename="../../ui/board/closed_list.py" line="64"/>
        <source>Only the newest %1 are listed; narrow the filters.</source>
        <translation>只列出最近的 %1 件，请缩小筛选范围。</translation>
    </message>
</context>
<context>
    <name>ClosedCasesModel</name>
    <message>
        <location filename="../../ui/board/closed_list.py" line="29"/>
        <source>Closed</source>
        <translation>结案时间</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="31"/>
        <source>Filter: number, phone, name, order no. or words</source>
        <translation>筛选：案件号、电话、姓名、订单号或关键词</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="33"/>
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="34"/>
        <source>Cases I received or am responsible for</source>
        <translation>我受理的或由我负责的案件</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="35"/>
        <source>Overdue only</source>
        <translation>只看超时</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="36"/>
        <source>Any severity</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="37"/>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="38"/>
        <source>Any department</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="39"/>
        <source>Any channel</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="40"/>
        <source>Received from (any)</source>
        <translation>受理日期从（不限）</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="41"/>
        <source>Received until (any)</source>
        <translation>受理日期到（不限）</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="42"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="67"/>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/board/filter_bar.py" line="78"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
</context>
</TS>
