<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogModel</name>
    <message>
        <location filename="../../ui/settings/catalog.py" line="26"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="26"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="34"/>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="34"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>CatalogSection</name>
    <message>
        <location filename="../../ui/settings/catalog.py" line="69"/>
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="71"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="78"/>
        <source>Rename</source>
        <translation>改名</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="79"/>
        <source>Activate / deactivate</source>
        <translation>启用 / 停用</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="80"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="81"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog.py" line="94"/>
        <source>Please select an entry in the list first.</source>
        <translation>请先在列表中选择一项。</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <location filename="../../ui/settings/privacy.py" line="40"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="40"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="40"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="40"/>
        <source>Last closed</source>
        <translation>最近结案</translation>
    </message>
</context>
<context>
    <name>FolderEdit</name>
    <message>
        <location filename="../../ui/settings/fields.py" line="80"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="89"/>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
</context>
<context>
    <name>HolidaysSection</name>
    <message>
        <location filename="../../ui/settings/holidays.py" line="75"/>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="86"/>
        <source>Day off</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="87"/>
        <source>Working day (make-up)</source>
        <translation>上班（调休）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="89"/>
        <source>e.g. 春节 / 春节调休上班</source>
        <translation>例如：春节 / 春节调休上班</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="90"/>
        <source>Add / change</source>
        <translation>添加 / 修改</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="92"/>
        <source>Remove studio entry</source>
        <translation>删除本店设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="136"/>
        <source>Select one of the studio&apos;s own entries first; official days cannot be removed, but you can add a studio entry for the same date.</source>
        <translation>请先选择一条本店设置。国家安排的日期不能删除，但可以为同一天添加本店设置来覆盖。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="86"/>
        <source>Reset password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="90"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="91"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="98"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PrivacySection</name>
    <message>
        <location filename="../../ui/settings/privacy.py" line="65"/>
        <source>Retention</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="67"/>
        <source>Keep personal data</source>
        <translation>个人信息保存期限</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="74"/>
        <source>Anonymise the customers due…</source>
        <translation>匿名化到期顾客…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="82"/>
        <source>One customer</source>
        <translation>单个顾客</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="86"/>
        <source>Phone, WeChat or full name</source>
        <translation>电话、微信号或完整姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="88"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="96"/>
        <source>Also delete the customer&apos;s attachments (photos, scans)</source>
        <translation>同时删除该顾客的附件（照片、扫描件）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="97"/>
        <source>Personal-data copy (PDF)…</source>
        <translation>个人信息副本（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="99"/>
        <source>Erase personal data…</source>
        <translation>删除个人信息…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="108"/>
        <source>Erasing keeps every case and its figures; the customer&apos;s name, phone and WeChat are blanked wherever they were written.</source>
        <translation>删除后案件及其统计数字全部保留；顾客的姓名、电话和微信号在所有记录处都会被抹去。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="130"/>
        <source>%1 customers&apos; last case closed longer ago than the retention period.</source>
        <translation>%1 位顾客的最后一件案件结案已超过保存期限。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="139"/>
        <location filename="../../ui/settings/privacy.py" line="147"/>
        <source>Anonymise personal data</source>
        <translation>匿名化个人信息</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="141"/>
        <source>Anonymise the personal data of %1 customers (name, phone, WeChat and attachments)? Their cases and statistics stay. Backups made before now keep the data until they rotate out.</source>
        <translation>确定匿名化 %1 位顾客的个人信息（姓名、电话、微信号和附件）吗？案件和统计数字保留。此前的备份仍保留这些信息，直到备份按期轮换删除。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="160"/>
        <source>No customer with this phone, WeChat or name.</source>
        <translation>没有使用该电话、微信号或姓名的顾客。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="165"/>
        <source>Find and select a customer first.</source>
        <translation>请先查找并选中一位顾客。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="172"/>
        <location filename="../../ui/settings/privacy.py" line="178"/>
        <location filename="../../ui/settings/privacy.py" line="179"/>
        <source>Personal-data copy</source>
        <translation>个人信息副本</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="179"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="187"/>
        <source>Erase the personal data of %1 (%2 cases: %3)? Name, phone and WeChat are blanked everywhere%4; the cases and the statistics stay. This cannot be undone.

Backups made before now still hold the data until they rotate out (up to a year for monthly backups).</source>
        <translation>确定删除 %1 的个人信息（%2 件案件：%3）吗？姓名、电话和微信号将在所有记录处抹去%4；案件和统计数字保留。此操作无法撤销。

此前制作的备份仍保留这些信息，直到备份按期轮换删除（月度备份最长保留一年）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="195"/>
        <source>, and the attachments deleted</source>
        <translation>，附件一并删除</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="197"/>
        <location filename="../../ui/settings/privacy.py" line="201"/>
        <location filename="../../ui/settings/privacy.py" line="207"/>
        <source>Erase personal data</source>
        <translation>删除顾客个人信息</translation>
    </message>
    <message>
        <location filename="../../ui/settings/privacy.py" line="207"/>
        <source>Erased: %1.</source>
        <translation>已删除：%1。</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <location filename="../../ui/settings/holidays.py" line="39"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="39"/>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="39"/>
        <source>Day</source>
        <translation>安排</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="39"/>
        <source>Name / note</source>
        <translation>名称 / 说明</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="39"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="47"/>
        <source>Working day</source>
        <translation>上班</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="47"/>
        <source>Day off</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="50"/>
        <source>Studio</source>
        <translation>本店设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings/holidays.py" line="50"/>
        <source>Official</source>
        <translation>国家安排</translation>
    </message>
</context>
<context>
    <name>SettingsFields</name>
    <message>
        <location filename="../../ui/settings/fields.py" line="34"/>
        <source>Studio name:</source>
        <translation>影楼名称：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="35"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="36"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="37"/>
        <source>First assessment within (hours):</source>
        <translation>首次评估时限（小时）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="38"/>
        <source>Ordinary complaint answered within (working days):</source>
        <translation>一般投诉答复时限（工作日）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="40"/>
        <source>Major complaint: temporary measure within (working hours):</source>
        <translation>重大投诉临时措施时限（工作小时）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="42"/>
        <source>Major complaint answered within (working days):</source>
        <translation>重大投诉答复时限（工作日）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="43"/>
        <source>Result told to the customer within (working days after assessment):</source>
        <translation>评估后告知处理结果时限（工作日）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="45"/>
        <source>Follow-up call from day:</source>
        <translation>回访开始（实施后第几天）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="46"/>
        <source>Follow-up call until day:</source>
        <translation>回访截止（实施后第几天）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="47"/>
        <source>Working hours start:</source>
        <translation>上班时间：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="48"/>
        <source>Working hours end:</source>
        <translation>下班时间：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="49"/>
        <source>Store manager may approve compensation up to (yuan):</source>
        <translation>店长可审批的补偿金额上限（元）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="51"/>
        <source>Same customer again within (days) = repeat complaint:</source>
        <translation>同一顾客多少天内再次投诉算二次投诉：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="52"/>
        <source>Hot-spot period (days):</source>
        <translation>热点投诉统计期（天）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="53"/>
        <source>Complaints of one kind in that period = hot spot:</source>
        <translation>统计期内同类投诉达到几次算热点：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="54"/>
        <source>People complaining together = major:</source>
        <translation>几人以上共同投诉算重大：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="55"/>
        <source>Unresolved after (days) = major:</source>
        <translation>超过多少天未解决算重大：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="56"/>
        <source>Follow-up call attempts before &apos;unreachable&apos;:</source>
        <translation>回访最多尝试几次后记为“无法联系”：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="57"/>
        <source>Years after the customer&apos;s last case closed:</source>
        <translation>顾客最后一件案件结案后保存（年）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="58"/>
        <source>Sign out after idle minutes (0 = never):</source>
        <translation>无操作多少分钟后自动退出（0 为不退出）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="59"/>
        <source>Wrong passwords before the account locks:</source>
        <translation>密码连续错误几次锁定账号：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="60"/>
        <source>Locked for (minutes):</source>
        <translation>锁定时长（分钟）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="61"/>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="62"/>
        <source>Font file for PDF (empty = automatic):</source>
        <translation>PDF 字体文件（留空为自动）：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="63"/>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="64"/>
        <source>Back up when the program closes</source>
        <translation>关闭程序时自动备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="65"/>
        <source>Largest attachment (MB):</source>
        <translation>附件大小上限（MB）：</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../ui/settings/fields.py" line="168"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/settings/fields.py" line="197"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings/page.py" line="82"/>
        <source>Studio details</source>
        <translation>影楼信息</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="83"/>
        <source>Printed on the customer&apos;s receipt and on reports.</source>
        <translation>这些信息会印在顾客回执和报表上。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="84"/>
        <source>Time limits</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="84"/>
        <source>Rules</source>
        <translation>认定规则</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="85"/>
        <source>New limits apply to cases registered or changed from now on.</source>
        <translation>修改后的时限适用于此后登记或变更的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="87"/>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="88"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="89"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="90"/>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="100"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="101"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="106"/>
        <source>Studio</source>
        <translation>影楼信息</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="107"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="108"/>
        <source>Departments and staff</source>
        <translation>部门与员工</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="109"/>
        <source>Complaint categories</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="110"/>
        <source>Time limits and rules</source>
        <translation>时限与规则</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="111"/>
        <source>Holidays</source>
        <translation>节假日与调休</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="112"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="113"/>
        <source>Security, backup</source>
        <translation>安全与备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="114"/>
        <source>Customers&apos; personal data</source>
        <translation>顾客个人信息</translation>
    </message>
    <message>
        <source>Empty: backups go to %1</source>
        <translation>留空：备份保存在 %1</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../ui/settings/staff.py" line="53"/>
        <source>New employee</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="53"/>
        <source>Edit employee</source>
        <translation>修改员工</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="59"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="61"/>
        <source> (deactivated)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="65"/>
        <source>(does not sign in)</source>
        <translation>（不使用本系统）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="72"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="73"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="74"/>
        <source>Account:</source>
        <translation>登录账号：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="75"/>
        <source>Still works here</source>
        <translation>在职</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <location filename="../../ui/settings/staff.py" line="29"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="29"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="29"/>
        <source>Account</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="29"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="41"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="41"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>StaffSection</name>
    <message>
        <location filename="../../ui/settings/staff.py" line="107"/>
        <source>Add employee…</source>
        <translation>新增员工…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="107"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/staff.py" line="123"/>
        <source>Please select an employee in the table first.</source>
        <translation>请先在表格中选择一名员工。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="33"/>
        <source>New user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="33"/>
        <source>Edit user</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="47"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="48"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="49"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="52"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_dialogs.py" line="54"/>
        <source>Account active (can sign in)</source>
        <translation>账号启用（可以登录）</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../ui/settings/users.py" line="23"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="23"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="23"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="23"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="34"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="36"/>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="37"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>UsersSection</name>
    <message>
        <location filename="../../ui/settings/users.py" line="48"/>
        <source>Add user…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="48"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="49"/>
        <source>Activate / deactivate</source>
        <translation>启用 / 停用</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="50"/>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="62"/>
        <source>Please select a user in the table first.</source>
        <translation>请先在表格中选择一个用户。</translation>
    </message>
</context>
</TS>
