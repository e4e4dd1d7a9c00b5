<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttachmentsModel</name>
    <message>
        <location filename="../../ui/case/attachments_view.py" line="93"/>
        <source>%1
%2 KB, added %3 by %4</source>
        <translation>%1
%2 KB，%4 于 %3 添加</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../ui/case/attachments_view.py" line="136"/>
        <source>Add photos or scans…</source>
        <translation>添加照片或扫描件…</translation>
    </message>
    <message>
        <location filename="../../ui/case/attachments_view.py" line="139"/>
        <source>Double-click to open; drop files here to add them.</source>
        <translation>双击查看；也可把文件拖到这里添加。</translation>
    </message>
    <message>
        <location filename="../../ui/case/attachments_view.py" line="205"/>
        <source>Opening the attachment…</source>
        <translation>正在打开附件…</translation>
    </message>
    <message>
        <location filename="../../ui/case/attachments_view.py" line="169"/>
        <source>Add photos or scans</source>
        <translation>添加照片或扫描件</translation>
    </message>
    <message>
        <location filename="../../ui/case/attachments_view.py" line="171"/>
        <source>Photos and scans (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff *.pdf);;All files (*)</source>
        <translation>照片和扫描件 (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/case/attachments_view.py" line="191"/>
        <source>Adding attachments</source>
        <translation>正在添加附件</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../ui/case/action_bar.py" line="44"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="56"/>
        <source>Assess the complaint</source>
        <translation>评估投诉</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="66"/>
        <source>Propose the remedy</source>
        <translation>提交处理方案</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="77"/>
        <source>Record the follow-up call</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="89"/>
        <source>Repeat complaint opened</source>
        <translation>已转二次投诉</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="90"/>
        <source>Case %1 is closed; the customer&apos;s repeat complaint is case %2.</source>
        <translation>案件 %1 已结案；顾客的二次投诉已登记为案件 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="93"/>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="106"/>
        <source>Change the severity</source>
        <translation>调整严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="113"/>
        <location filename="../../ui/case/action_bar.py" line="120"/>
        <source>Staff penalty</source>
        <translation>员工处罚</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="113"/>
        <source>There are no employees yet: add them in Settings → Departments and staff first.</source>
        <translation>还没有员工记录：请先在“设置 → 部门与员工”中添加。</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="131"/>
        <source>Delete a case registered by mistake</source>
        <translation>删除误登记的案件</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="148"/>
        <source>Start investigation</source>
        <translation>转入调查</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="150"/>
        <source>Assess…</source>
        <translation>评估…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="151"/>
        <source>Propose remedy…</source>
        <translation>提交方案…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="152"/>
        <source>Submit for approval…</source>
        <translation>提交审批…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="154"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="155"/>
        <source>Send back…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="156"/>
        <source>Record implementation…</source>
        <translation>记录实施…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="158"/>
        <source>Record follow-up…</source>
        <translation>记录回访…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="159"/>
        <source>Close case…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="160"/>
        <source>Back to previous stage…</source>
        <translation>退回上一阶段…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="161"/>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="162"/>
        <source>Change severity…</source>
        <translation>调整严重程度…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="163"/>
        <source>Staff penalty…</source>
        <translation>员工处罚…</translation>
    </message>
    <message>
        <location filename="../../ui/case/action_bar.py" line="165"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/case/dialog_draft.py" line="31"/>
        <source>Restored what you had typed before being signed out at %1.</source>
        <translation>已恢复您 %1 退出登录前填写的内容。</translation>
    </message>
</context>
<context>
    <name>CaseFields</name>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="47"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="48"/>
        <source>Channel detail</source>
        <translation>渠道说明</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="49"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="50"/>
        <source>Order stage</source>
        <translation>订单阶段</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="51"/>
        <source>Where it arose</source>
        <translation>问题环节</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="52"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="53"/>
        <source>What the customer says</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="54"/>
        <source>What the customer wants</source>
        <translation>顾客诉求</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="55"/>
        <source>Mood</source>
        <translation>顾客情绪</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="56"/>
        <source>Evidence</source>
        <translation>证据说明</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="57"/>
        <source>People</source>
        <translation>投诉人数</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="58"/>
        <source>Safety issue or injury</source>
        <translation>涉及人身安全/受伤</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="59"/>
        <source>Threatens the media or posted online</source>
        <translation>扬言曝光/已在网上发布</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="60"/>
        <source>Consumer association / 12315 / lawyer</source>
        <translation>消协/12315/律师介入</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="61"/>
        <source>Needs help from outside the studio</source>
        <translation>需要外部协助</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="62"/>
        <source>Wants more than the order&apos;s terms</source>
        <translation>要求超出订单约定</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="63"/>
        <source>Promised reply</source>
        <translation>承诺答复时间</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="64"/>
        <source>Valid?</source>
        <translation>是否有效</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="65"/>
        <source>Can it be solved</source>
        <translation>可解决程度</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="66"/>
        <source>Cause</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="67"/>
        <source>Explanation given to the customer</source>
        <translation>向顾客的解释（无效投诉）</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="68"/>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="69"/>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="70"/>
        <source>Remedy</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="71"/>
        <source>Remedy plan</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="72"/>
        <source>Compensation</source>
        <translation>补偿明细</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="73"/>
        <source>Customer accepted (signed)</source>
        <translation>顾客已确认接受（签字）</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="74"/>
        <source>Acceptance note</source>
        <translation>顾客确认说明</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="75"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="76"/>
        <source>Approval note</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="77"/>
        <source>Closing note</source>
        <translation>结案说明</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="78"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="79"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="80"/>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="81"/>
        <source>Compensation total</source>
        <translation>补偿合计</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="82"/>
        <source>Follow-up result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="83"/>
        <source>Satisfaction (1-5)</source>
        <translation>满意度（1-5 分）</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="84"/>
        <source>Customer reached</source>
        <translation>已联系上顾客</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="85"/>
        <source>Satisfied?</source>
        <translation>是否满意</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="86"/>
        <source>Customer&apos;s comments</source>
        <translation>顾客意见</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="87"/>
        <source>Then</source>
        <translation>随后</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="88"/>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="89"/>
        <source>Points deducted</source>
        <translation>扣分</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="90"/>
        <source>Fine (yuan)</source>
        <translation>罚款（元）</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="91"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="94"/>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="95"/>
        <source>(nobody)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="96"/>
        <source>(not asked)</source>
        <translation>（未询问）</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="97"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="98"/>
        <source>Not satisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="99"/>
        <source>Nothing more now</source>
        <translation>暂不处理</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="100"/>
        <source>Close the case</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="101"/>
        <source>Back to remedy</source>
        <translation>退回方案</translation>
    </message>
    <message>
        <location filename="../../ui/case/field_inputs.py" line="102"/>
        <source>Open a repeat complaint</source>
        <translation>转二次投诉</translation>
    </message>
</context>
<context>
    <name>CaseFieldsPanel</name>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="64"/>
        <source>Registration</source>
        <translation>登记信息</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="64"/>
        <source>Assessment</source>
        <translation>调查评估</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="65"/>
        <source>Remedy and approval</source>
        <translation>方案与审批</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="65"/>
        <source>Implementation and follow-up</source>
        <translation>实施与回访</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="76"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="77"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="78"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="79"/>
        <source>Due</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="91"/>
        <source>Compensation total</source>
        <translation>补偿合计</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="92"/>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="94"/>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="119"/>
        <source>%1 by %2</source>
        <translation>%1，受理人 %2</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="130"/>
        <source>not yet</source>
        <translation>尚未回访</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="132"/>
        <source>, satisfaction %1/5</source>
        <translation>，满意度 %1/5</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="137"/>
        <source> (changed by the manager; suggested: %1)</source>
        <translation>（店长已调整；系统建议：%1）</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="141"/>
        <source>Next</source>
        <translation>下一时限</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="141"/>
        <source>First assessment</source>
        <translation>首次评估</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="142"/>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="142"/>
        <source>Result</source>
        <translation>结果告知</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="150"/>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
    <message>
        <location filename="../../ui/case/fields_panel.py" line="154"/>
        <source>Carried out already: %1</source>
        <translation>其中已实施：%1</translation>
    </message>
</context>
<context>
    <name>CaseSearch</name>
    <message>
        <location filename="../../ui/case/search.py" line="81"/>
        <source>Find a case</source>
        <translation>查找案件</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="82"/>
        <source>No case matches “%1”.</source>
        <translation>没有找到与“%1”相符的案件。</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <location filename="../../ui/case/window.py" line="84"/>
        <source>&amp;Save changes</source>
        <translation>保存修改(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="101"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="102"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="106"/>
        <location filename="../../ui/case/window.py" line="191"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="106"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="174"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="203"/>
        <source>Could not read the case: %1 (F5 tries again)</source>
        <translation>读取案件失败：%1（按 F5 重试）</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="210"/>
        <source>Case %1 — %2</source>
        <translation>案件 %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="229"/>
        <source>Repeat complaint</source>
        <translation>二次投诉</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="232"/>
        <source>Imported history</source>
        <translation>历史导入</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="278"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="279"/>
        <source>Your changes to the fields are not saved yet. Continue and discard them?</source>
        <translation>字段的修改尚未保存。继续操作将放弃这些修改，要继续吗？</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="307"/>
        <source>Case %1 was changed by someone else meanwhile; your changes are not saved yet.</source>
        <translation>案件 %1 已被其他人修改，您的修改尚未保存。</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="310"/>
        <source>Changed at the other desk: %1</source>
        <translation>对方修改了：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="311"/>
        <source>What you typed is still here: check it and save again.</source>
        <translation>您输入的内容仍保留在窗口中：请核对后再次保存。</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="312"/>
        <source>Case changed meanwhile</source>
        <translation>案件已被他人修改</translation>
    </message>
    <message>
        <location filename="../../ui/case/window.py" line="322"/>
        <source>you changed it too</source>
        <translation>您也修改了此项</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <location filename="../../ui/case/search.py" line="26"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="26"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="26"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="26"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="27"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="27"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="27"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <location filename="../../ui/case/lines_editor.py" line="51"/>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/case/lines_editor.py" line="51"/>
        <source>What exactly</source>
        <translation>具体内容</translation>
    </message>
    <message>
        <location filename="../../ui/case/lines_editor.py" line="51"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/case/lines_editor.py" line="60"/>
        <source>Add line</source>
        <translation>添加一项</translation>
    </message>
    <message>
        <location filename="../../ui/case/lines_editor.py" line="61"/>
        <source>Remove line</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../ui/case/lines_editor.py" line="113"/>
        <source>Total: ?</source>
        <translation>合计：？</translation>
    </message>
    <message>
        <location filename="../../ui/case/lines_editor.py" line="115"/>
        <source>Total: %1 yuan</source>
        <translation>合计：%1 元</translation>
    </message>
</context>
<context>
    <name>NoteBox</name>
    <message>
        <location filename="../../ui/case/notes.py" line="27"/>
        <source>Add a note: what was said or done (Ctrl+Enter adds it)</source>
        <translation>添加备注：说了什么、做了什么（Ctrl+Enter 添加）</translation>
    </message>
    <message>
        <location filename="../../ui/case/notes.py" line="28"/>
        <source>Add &amp;note</source>
        <translation>添加备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <location filename="../../ui/case/search.py" line="40"/>
        <source>Cases matching “%1”</source>
        <translation>与“%1”相符的案件</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="46"/>
        <source>%1 cases found.</source>
        <translation>找到 %1 件案件。</translation>
    </message>
    <message>
        <location filename="../../ui/case/search.py" line="47"/>
        <source>Showing the first %1 cases; type more to narrow the search.</source>
        <translation>只显示前 %1 件；请输入更多内容缩小范围。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/case/timeline.py" line="43"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="45"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="45"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="61"/>
        <source>Severity: %1</source>
        <translation>严重程度：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="64"/>
        <source>Repeat complaint of %1</source>
        <translation>%1 的二次投诉</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="66"/>
        <source>Stage: %1 → %2</source>
        <translation>阶段：%1 → %2</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="71"/>
        <source>Customer not reached</source>
        <translation>未联系上顾客</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="73"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="74"/>
        <source>Not satisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="84"/>
        <source>%1: %2 points, fine %3 yuan</source>
        <translation>%1：扣 %2 分，罚款 %3 元</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="88"/>
        <source>Repeat complaint opened: %1</source>
        <translation>已转二次投诉：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="92"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case/timeline.py" line="103"/>
        <source>system</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>Transitions</name>
    <message>
        <location filename="../../ui/case/transitions.py" line="80"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location filename="../../ui/case/transitions.py" line="90"/>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2：%3</translation>
    </message>
    <message>
        <location filename="../../ui/case/transitions.py" line="94"/>
        <source>Compensation: %1 yuan</source>
        <translation>补偿合计：%1 元</translation>
    </message>
</context>
</TS>
