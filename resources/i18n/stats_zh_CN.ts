<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../ui/stats/models.py" line="114"/>
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="114"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="114"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="114"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="115"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="115"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="115"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
</context>
<context>
    <name>CountModel</name>
    <message>
        <location filename="../../ui/stats/models.py" line="35"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="35"/>
        <source>Complaints</source>
        <translation>投诉件数</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="35"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="42"/>
        <source>Unassigned</source>
        <translation>未指定</translation>
    </message>
</context>
<context>
    <name>HeadlineFigures</name>
    <message>
        <location filename="../../ui/stats/figures.py" line="61"/>
        <source>Complaints</source>
        <translation>投诉件数</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="62"/>
        <source>Valid rate</source>
        <translation>有效率</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="63"/>
        <source>Open now</source>
        <translation>当前未结案</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="64"/>
        <source>Overdue now</source>
        <translation>当前超时</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="65"/>
        <source>First assessment on time</source>
        <translation>首次评估及时率</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="67"/>
        <source>Resolved on time</source>
        <translation>按时解决率</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="68"/>
        <source>Median time to close</source>
        <translation>结案用时中位数</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="69"/>
        <source>Satisfied at follow-up</source>
        <translation>回访满意率</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="71"/>
        <source>Repeat complaint rate</source>
        <translation>二次投诉率</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="72"/>
        <source>Second complaints</source>
        <translation>二次投诉</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="73"/>
        <source>Major complaints</source>
        <translation>重大投诉</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="74"/>
        <source>VIP complaints</source>
        <translation>VIP 投诉</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="75"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="76"/>
        <source>Compensation</source>
        <translation>补偿金额</translation>
    </message>
    <message>
        <location filename="../../ui/stats/figures.py" line="86"/>
        <source>Click to list these cases</source>
        <translation>点击列出这些案件</translation>
    </message>
</context>
<context>
    <name>HotSpotModel</name>
    <message>
        <location filename="../../ui/stats/models.py" line="95"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="95"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="95"/>
        <location filename="../../ui/stats/models.py" line="97"/>
        <source>Complaints</source>
        <translation>投诉件数</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="95"/>
        <location filename="../../ui/stats/models.py" line="97"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="97"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="97"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="103"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="103"/>
        <source>Service step</source>
        <translation>服务环节</translation>
    </message>
</context>
<context>
    <name>HotSpotsPanel</name>
    <message>
        <location filename="../../ui/stats/hot_spots.py" line="26"/>
        <source>Recurring problems</source>
        <translation>热点问题（反复出现的问题）</translation>
    </message>
    <message>
        <location filename="../../ui/stats/hot_spots.py" line="27"/>
        <source>Customers with repeat complaints</source>
        <translation>重复投诉的顾客</translation>
    </message>
    <message>
        <location filename="../../ui/stats/hot_spots.py" line="37"/>
        <source>Hot spots: a category or service step with %1 or more complaints within %2 days; customers with more than one complaint within %3 days (up to %4).</source>
        <translation>热点：%2 天内同类投诉达到 %1 件的投诉类别或服务环节；重复投诉顾客：%3 天内投诉 2 次以上的顾客（截至 %4）。</translation>
    </message>
</context>
<context>
    <name>MonthModel</name>
    <message>
        <location filename="../../ui/stats/models.py" line="55"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="55"/>
        <source>Complaints</source>
        <translation>投诉件数</translation>
    </message>
</context>
<context>
    <name>ReportsPanel</name>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="73"/>
        <source>Daily summary (PDF)…</source>
        <translation>每日工作小结（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="77"/>
        <source>Monthly report (PDF)…</source>
        <translation>月度分析表（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="79"/>
        <source>Monthly workbook (Excel)…</source>
        <translation>月度分析表（Excel）…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="89"/>
        <source>What the studio will change because of this month&apos;s complaints</source>
        <translation>针对本月投诉，门店将采取哪些整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="92"/>
        <source>Save corrective actions</source>
        <translation>保存整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="100"/>
        <source>Daily meeting</source>
        <translation>每日例会</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="102"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="103"/>
        <source>Monthly analysis report</source>
        <translation>客户投诉统计分析表（月度）</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="106"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="141"/>
        <source>Corrective actions for %1 (printed in the monthly report)</source>
        <translation>%1 整改措施（打印在月度分析表中）</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="151"/>
        <source>Corrective actions</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="152"/>
        <source>The corrective actions for %1 were changed but not saved. Discard the changes?</source>
        <translation>%1 的整改措施已修改但尚未保存。放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="171"/>
        <source>Saved at %1</source>
        <translation>已于 %1 保存</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="189"/>
        <source>Daily summary</source>
        <translation>每日工作小结</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="197"/>
        <source>Monthly report</source>
        <translation>客户投诉统计分析表</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="205"/>
        <source>Save the monthly workbook</source>
        <translation>保存月度分析表</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="207"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="211"/>
        <source>Monthly workbook</source>
        <translation>月度分析表（Excel）</translation>
    </message>
    <message>
        <location filename="../../ui/stats/reports_panel.py" line="212"/>
        <source>The workbook was saved to %1</source>
        <translation>工作簿已保存到 %1</translation>
    </message>
</context>
<context>
    <name>StaffRankingModel</name>
    <message>
        <location filename="../../ui/stats/models.py" line="70"/>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="70"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="70"/>
        <source>Complaints</source>
        <translation>投诉件数</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="72"/>
        <source>Penalties</source>
        <translation>处罚次数</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="72"/>
        <source>Points</source>
        <translation>扣分</translation>
    </message>
    <message>
        <location filename="../../ui/stats/models.py" line="72"/>
        <source>Fines (yuan)</source>
        <translation>罚款（元）</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../ui/stats/page.py" line="96"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="96"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="96"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="97"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="97"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="97"/>
        <source>Custom range</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="103"/>
        <source>Any severity</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="104"/>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="106"/>
        <source>Any department</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="107"/>
        <source>Any channel</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="110"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="112"/>
        <source>Calculating…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="116"/>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="136"/>
        <source>Complaints per month (12 months)</source>
        <translation>每月投诉件数（近 12 个月）</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="137"/>
        <source>By category</source>
        <translation>按投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="138"/>
        <source>By service step</source>
        <translation>按服务环节</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="139"/>
        <source>By department</source>
        <translation>按责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="140"/>
        <source>By channel</source>
        <translation>按投诉渠道</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="141"/>
        <source>By severity</source>
        <translation>按严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="142"/>
        <source>Responsible staff</source>
        <translation>责任人排名</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="153"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="154"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="155"/>
        <source>Service steps</source>
        <translation>服务环节</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="156"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="157"/>
        <source>Channels and severity</source>
        <translation>渠道与严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="157"/>
        <source>Staff</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="161"/>
        <source>Hot spots</source>
        <translation>热点</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="163"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="168"/>
        <location filename="../../ui/stats/page.py" line="316"/>
        <source>Click a bar, a slice, a figure or a table row to list its cases.</source>
        <translation>点击柱形、扇形、指标或表格行，即可在此列出相应案件。</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="249"/>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="288"/>
        <location filename="../../ui/stats/page.py" line="295"/>
        <source>Loading the cases of “%1”…</source>
        <translation>正在读取“%1”的案件…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="303"/>
        <source>%1: the first %2 of %3 cases (double-click to open)</source>
        <translation>%1：显示前 %2 件，共 %3 件（双击打开）</translation>
    </message>
    <message>
        <location filename="../../ui/stats/page.py" line="305"/>
        <source>%1: %2 cases (double-click to open)</source>
        <translation>%1：%2 件（双击打开）</translation>
    </message>
</context>
</TS>
