<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChannelDialog</name>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="32"/>
        <source>New notification channel</source>
        <translation>新建通知渠道</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="32"/>
        <source>Edit channel</source>
        <translation>编辑通知渠道</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="35"/>
        <source>Saved — leave empty to keep it</source>
        <translation>已保存——留空则保持不变</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="45"/>
        <source>e.g. Managers&apos; group</source>
        <translation>如：店长群</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="62"/>
        <source>Addresses, separated by commas</source>
        <translation>邮箱地址，多个用逗号分开</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="73"/>
        <source>Send to this channel</source>
        <translation>向此渠道发送通知</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="78"/>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="79"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="81"/>
        <source>Webhook address:</source>
        <translation>Webhook 地址：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="82"/>
        <source>Signing secret:</source>
        <translation>签名密钥（加签）：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="83"/>
        <source>Mail server (host:port):</source>
        <translation>邮件服务器（主机:端口）：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="84"/>
        <source>Encryption:</source>
        <translation>加密方式：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="85"/>
        <source>Mailbox:</source>
        <translation>发件邮箱：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="86"/>
        <source>Authorisation code:</source>
        <translation>授权码：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="87"/>
        <source>Send to:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <location filename="../../ui/notify/channel_dialog.py" line="91"/>
        <source>Events:</source>
        <translation>通知事件：</translation>
    </message>
</context>
<context>
    <name>ChannelsModel</name>
    <message>
        <location filename="../../ui/notify/section.py" line="25"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="25"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="25"/>
        <source>Sends to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="25"/>
        <source>Events</source>
        <translation>通知事件</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="34"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="35"/>
        <source>%1 (paused)</source>
        <translation>%1（已停用）</translation>
    </message>
</context>
<context>
    <name>DeskSender</name>
    <message>
        <location filename="../../ui/notify/sender.py" line="68"/>
        <source>Notifications not delivered: %1</source>
        <translation>未送达的通知：%1 条</translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message>
        <location filename="../../ui/notify/messages.py" line="20"/>
        <source>Queued</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="20"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="20"/>
        <source>Message</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="20"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="23"/>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="24"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="25"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="26"/>
        <source>Not delivered</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <location filename="../../ui/notify/messages.py" line="27"/>
        <source>Unknown (may have arrived)</source>
        <translation>结果未知（可能已送达）</translation>
    </message>
</context>
<context>
    <name>NotifyLabels</name>
    <message>
        <location filename="../../ui/notify/labels.py" line="10"/>
        <source>WeCom group robot</source>
        <translation>企业微信群机器人</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="11"/>
        <source>DingTalk group robot</source>
        <translation>钉钉自定义机器人</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="12"/>
        <source>Feishu group robot</source>
        <translation>飞书自定义机器人</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="13"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="19"/>
        <source>New major complaint</source>
        <translation>新的重大投诉</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="20"/>
        <source>Not assessed within 24 h, or overdue</source>
        <translation>超过24小时未评估或已超时</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="21"/>
        <source>Waiting for the executive&apos;s approval (above the manager&apos;s limit)</source>
        <translation>待执行经理审批（超出店长权限）</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="24"/>
        <source>Follow-up: customer not satisfied</source>
        <translation>回访不满意</translation>
    </message>
    <message>
        <location filename="../../ui/notify/labels.py" line="25"/>
        <source>Daily summary at closing time (PDF by e-mail)</source>
        <translation>下班时的每日工作小结（邮件附 PDF）</translation>
    </message>
</context>
<context>
    <name>NotifyMenu</name>
    <message>
        <location filename="../../ui/notify/menu.py" line="15"/>
        <source>Send notifications now</source>
        <translation>立即发送通知</translation>
    </message>
</context>
<context>
    <name>NotifySection</name>
    <message>
        <location filename="../../ui/notify/section.py" line="49"/>
        <source>Major complaints, overdue cases, approvals above your limit, unsatisfied follow-ups and the daily summary reach you in a WeCom, DingTalk or Feishu group, or by e-mail. Customers appear masked (王**, 138****5678). A new channel receives every event until you untick some.</source>
        <translation>重大投诉、超时案件、超出店长权限的待审批方案、回访不满意和每日工作小结，可以发到企业微信、钉钉或飞书群，或发到邮箱。顾客信息只显示遮挡后的姓名和电话（王**，138****5678）。新渠道默认接收全部事件，可以取消勾选。</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="65"/>
        <source>Add channel…</source>
        <translation>添加渠道…</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="66"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="67"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="68"/>
        <source>Send a test message</source>
        <translation>发送测试消息</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="69"/>
        <source>Resend undelivered</source>
        <translation>重发未送达的通知</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="78"/>
        <source>Latest messages</source>
        <translation>最近的通知</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="87"/>
        <source>Messages not yet delivered: %1</source>
        <translation>未送达的通知：%1 条</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="89"/>
        <source>Every message has been delivered.</source>
        <translation>所有通知均已送达。</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="99"/>
        <source>Please select a channel in the table first.</source>
        <translation>请先在表格中选择一个渠道。</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="132"/>
        <source>Remove channel</source>
        <translation>删除通知渠道</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="133"/>
        <source>Remove “%1”? Messages not yet sent to it are dropped.</source>
        <translation>删除“%1”？尚未发给它的通知将被丢弃。</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="150"/>
        <source>Sending a test message to “%1”…</source>
        <translation>正在向“%1”发送测试消息…</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="159"/>
        <source>Test message delivered to “%1”.</source>
        <translation>测试消息已送达“%1”。</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="165"/>
        <source>The test message to “%1” was not delivered: %2</source>
        <translation>发给“%1”的测试消息未能送达：%2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/section.py" line="179"/>
        <source>%1 message(s) queued again; they are sent within a minute.</source>
        <translation>已重新排队 %1 条通知，一分钟内发出。</translation>
    </message>
</context>
</TS>
