<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportMenu</name>
    <message>
        <location filename="../../ui/exports/menu.py" line="18"/>
        <source>Export the register (Excel or PDF)…</source>
        <translation>导出投诉登记表（Excel 或 PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/menu.py" line="20"/>
        <source>Print the meeting pack…</source>
        <translation>打印会议资料…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/menu.py" line="22"/>
        <source>Import a register from Excel…</source>
        <translation>从 Excel 导入登记表…</translation>
    </message>
</context>
<context>
    <name>ExportRegisterDialog</name>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="41"/>
        <source>Export the register</source>
        <translation>导出投诉登记表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="43"/>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="47"/>
        <source>Include full phone numbers (recorded in the audit trail)</source>
        <translation>包含完整电话号码（记入操作记录）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="52"/>
        <source>Excel workbook (all columns, and a sheet for printing)</source>
        <translation>Excel 工作簿（全部列，另含打印版工作表）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="53"/>
        <source>PDF for printing (the meeting&apos;s columns)</source>
        <translation>打印用 PDF（例会所需的列）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="55"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="62"/>
        <source>Cases: the %1 cases shown on the board</source>
        <translation>案件：看板上当前显示的 %1 件</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="64"/>
        <source>Received from</source>
        <translation>受理日期从</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="65"/>
        <source>Received to</source>
        <translation>受理日期至</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="67"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="69"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="71"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="100"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="100"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="114"/>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="118"/>
        <source>Please choose the file to save to.</source>
        <translation>请选择要保存的文件。</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="78"/>
        <source>The PDF could not be opened.</source>
        <translation>无法打开该 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="92"/>
        <location filename="../../ui/exports/pdf_preview.py" line="100"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="93"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="101"/>
        <source>Could not save the file: %1</source>
        <translation>无法保存文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/exports/printing.py" line="53"/>
        <source>Case sheet</source>
        <translation>投诉处理单</translation>
    </message>
    <message>
        <location filename="../../ui/exports/printing.py" line="63"/>
        <source>Acknowledgement slip</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../../ui/exports/printing.py" line="116"/>
        <source>Meeting pack</source>
        <translation>会议资料</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="145"/>
        <source>The register was saved to %1</source>
        <translation>登记表已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="204"/>
        <source>Imported %1 cases (%2 as history); %3 were already there.</source>
        <translation>已导入 %1 个案件（其中 %2 个为历史导入）；%3 个已在系统中，未重复导入。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="43"/>
        <source>Choose the register to import</source>
        <translation>选择要导入的登记表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="44"/>
        <source>A register exported by StudioDesk, or the studio&apos;s own older register: Excel (.xlsx, .xls), WPS/LibreOffice (.ods) or CSV.</source>
        <translation>本程序导出的登记表，或店里原来的登记表：Excel（.xlsx、.xls）、WPS/LibreOffice（.ods）或 CSV。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="56"/>
        <source>Registers (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</source>
        <translation>登记表 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="48"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="168"/>
        <source>Import register</source>
        <translation>导入登记表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="182"/>
        <source>Reading the register</source>
        <translation>正在读取登记表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="189"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../ui/exports/import_models.py" line="26"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="26"/>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="30"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="73"/>
        <source>Which column is which?</source>
        <translation>各列对应哪个字段？</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="74"/>
        <source>Columns were matched by their headers. Change any that are wrong; columns marked &quot;not imported&quot; are left out.</source>
        <translation>已按表头自动对应。如有不对请修改；标为“不导入”的列将被忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="91"/>
        <source>Required fields without a column: %1</source>
        <translation>以下必填字段还没有对应的列：%1</translation>
    </message>
</context>
<context>
    <name>MeetingPackDialog</name>
    <message>
        <location filename="../../ui/exports/printing.py" line="72"/>
        <source>Meeting pack</source>
        <translation>会议资料</translation>
    </message>
    <message>
        <location filename="../../ui/exports/printing.py" line="73"/>
        <source>Cases received on</source>
        <translation>当日受理的投诉：</translation>
    </message>
    <message>
        <location filename="../../ui/exports/printing.py" line="74"/>
        <source>All open cases (overdue first)</source>
        <translation>全部未结案件（超时的在前）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/printing.py" line="88"/>
        <source>Make pack</source>
        <translation>生成会议资料</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="51"/>
        <source>Print preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="60"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../ui/exports/import_models.py" line="82"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="82"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="82"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="82"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="83"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="93"/>
        <source>(already imported)</source>
        <translation>（已在系统中）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="95"/>
        <source>(skipped)</source>
        <translation>（跳过）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="96"/>
        <source>(new number)</source>
        <translation>（新编号）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="99"/>
        <source>OK</source>
        <translation>无问题</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="127"/>
        <source>Check before importing</source>
        <translation>导入前检查</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="145"/>
        <source>%1 complaints read from sheet &quot;%2&quot;; %3 rows have notes; %4 are already in the database; %5 rows are not complaints (titles, totals, notes) and are skipped.</source>
        <translation>从工作表“%2”读取 %1 个投诉；%3 行有提示；%4 个已在系统中；%5 行不是投诉（标题、合计、说明），已跳过。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="151"/>
        <source>This is an older register: its cases are imported as history (历史导入).</source>
        <translation>这是店里原来的登记表：案件按历史导入，缺少的信息在下次推进时补填。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="138"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>ValuesModel</name>
    <message>
        <location filename="../../ui/exports/import_values.py" line="27"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_values.py" line="27"/>
        <source>Word in the file</source>
        <translation>文件中的词</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_values.py" line="27"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_values.py" line="27"/>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
</context>
<context>
    <name>ValuesPage</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="104"/>
        <source>What do the words in the file mean?</source>
        <translation>文件中的词对应什么？</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="105"/>
        <source>Each word is matched to our values; words in brown were guessed. Change any that are wrong. A category or department can be created here.</source>
        <translation>每个词已对应到本程序的取值，棕色的是推测的。有不对的请修改；也可以在这里新建类别或部门。</translation>
    </message>
</context>
</TS>
