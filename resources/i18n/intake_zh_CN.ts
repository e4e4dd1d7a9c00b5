<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="53"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="77"/>
        <source>New customer: no earlier complaints.</source>
        <translation>新顾客：没有以往投诉。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="78"/>
        <source>Type the phone number to look up the customer.</source>
        <translation>输入电话号码即可查询顾客。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="83"/>
        <source>VIP customer</source>
        <translation>VIP 顾客</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="85"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="86"/>
        <source>Orders: %1</source>
        <translation>订单：%1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="87"/>
        <source>Earlier complaints: %1</source>
        <translation>以往投诉：%1 次</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="91"/>
        <source>Earlier complaint %1 on %2: will be linked as a repeat complaint</source>
        <translation>近期投诉 %1（%2）：将关联为二次投诉</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="94"/>
        <source>(still open, at %1)</source>
        <translation>（仍未结案，目前在%1阶段）</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="96"/>
        <source>— overdue</source>
        <translation>——已超时</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/intake/done.py" line="22"/>
        <source>Complaint registered. Case number:</source>
        <translation>投诉已登记。案件编号：</translation>
    </message>
    <message>
        <location filename="../../ui/intake/done.py" line="38"/>
        <source>&amp;Print slip</source>
        <translation>打印回执(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/done.py" line="39"/>
        <source>&amp;Open case</source>
        <translation>打开案件(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/done.py" line="40"/>
        <source>&amp;Next complaint</source>
        <translation>登记下一条(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/done.py" line="60"/>
        <source>Promised reply by %1</source>
        <translation>承诺答复时间：%1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/done.py" line="63"/>
        <source>Severity: %1    Customer: %2</source>
        <translation>严重程度：%1    顾客：%2</translation>
    </message>
    <message>
        <location filename="../../ui/intake/done.py" line="65"/>
        <source>Linked as a repeat complaint of %1</source>
        <translation>已关联为 %1 的二次投诉</translation>
    </message>
</context>
<context>
    <name>IntakeEntry</name>
    <message>
        <location filename="../../ui/intake/entry.py" line="52"/>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="54"/>
        <source>e.g. WeChat, Dianping, Xiaohongshu</source>
        <translation>如 微信、大众点评、小红书</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="55"/>
        <source>Mobile or landline with area code</source>
        <translation>手机号或带区号的座机</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="56"/>
        <source>WeChat ID if there is no phone</source>
        <translation>没有电话时填写微信号</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="58"/>
        <source>VIP customer</source>
        <translation>VIP 顾客</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="66"/>
        <source>What the customer says happened, in their own words</source>
        <translation>顾客所说的经过，尽量用顾客自己的话，让顾客说完</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="68"/>
        <source>What the customer would like the studio to do</source>
        <translation>顾客希望如何处理</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="81"/>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="83"/>
        <source>Safety issue or injury</source>
        <translation>涉及人身安全/受伤</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="84"/>
        <source>Threatens the media or posted online</source>
        <translation>扬言曝光/已在网上发布</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="85"/>
        <source>Consumer association / 12315 / lawyer</source>
        <translation>消协/12315/律师介入</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="86"/>
        <source>Needs help from outside the studio</source>
        <translation>需要外部协助</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="87"/>
        <source>Wants more than the order&apos;s terms</source>
        <translation>要求超出订单约定</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="112"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="113"/>
        <source>Channel detail</source>
        <translation>渠道说明</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="114"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="114"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="115"/>
        <source>Customer name</source>
        <translation>顾客姓名</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="116"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="117"/>
        <source>Order stage</source>
        <translation>订单阶段</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="118"/>
        <source>Where it arose</source>
        <translation>问题环节</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="119"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="129"/>
        <source>What the customer says</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="130"/>
        <source>What the customer wants</source>
        <translation>顾客诉求</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="136"/>
        <source>Mood</source>
        <translation>顾客情绪</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="138"/>
        <source>People</source>
        <translation>投诉人数</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="141"/>
        <source>Special facts</source>
        <translation>特殊情况</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="144"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="146"/>
        <source>Promised reply</source>
        <translation>承诺答复时间</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="180"/>
        <location filename="../../ui/intake/entry.py" line="184"/>
        <location filename="../../ui/intake/entry.py" line="201"/>
        <location filename="../../ui/intake/entry.py" line="273"/>
        <source>changed by hand</source>
        <translation>已手动修改</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="201"/>
        <source>from the time limits</source>
        <translation>按时限自动填写</translation>
    </message>
    <message>
        <location filename="../../ui/intake/entry.py" line="210"/>
        <source>now</source>
        <translation>当前时间</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake/form.py" line="63"/>
        <source>&amp;Save complaint  (Ctrl+S)</source>
        <translation>保存登记(&amp;S)  Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="99"/>
        <source>&amp;Restore draft</source>
        <translation>恢复草稿(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="100"/>
        <source>&amp;Discard draft</source>
        <translation>丢弃草稿(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="253"/>
        <source>Draft saved automatically at %1</source>
        <translation>草稿已于 %1 自动保存</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="265"/>
        <source>An unfinished complaint was saved as a draft at %1 (%2). Restore it?</source>
        <translation>发现 %1 自动保存的未完成登记（%2）。要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="268"/>
        <source>(%1 more drafts after this one)</source>
        <translation>（之后还有 %1 份草稿）</translation>
    </message>
</context>
<context>
    <name>SeverityPanel</name>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="106"/>
        <source>Suggested severity</source>
        <translation>建议严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/intake/side_panel.py" line="127"/>
        <source>No aggravating facts.</source>
        <translation>没有加重情形。</translation>
    </message>
</context>
</TS>
