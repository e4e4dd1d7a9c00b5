<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportMenu</name>
    <message>
        <location filename="../../ui/exports/menu.py" line="20"/>
        <source>Export the register to Excel…</source>
        <translation>导出投诉登记表（Excel）…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/menu.py" line="22"/>
        <source>Print the meeting pack…</source>
        <translation>打印会议资料…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/menu.py" line="24"/>
        <source>Import a register from Excel…</source>
        <translation>从 Excel 导入登记表…</translation>
    </message>
</context>
<context>
    <name>ExportRegisterDialog</name>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="39"/>
        <source>Export register to Excel</source>
        <translation>导出登记表到 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="41"/>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="45"/>
        <source>Include full phone numbers (recorded in the audit trail)</source>
        <translation>包含完整电话号码（记入操作记录）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="49"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="56"/>
        <source>Cases: the %1 cases shown on the board</source>
        <translation>案件：看板上当前显示的 %1 件</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="58"/>
        <source>Received from</source>
        <translation>受理日期从</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="59"/>
        <source>Received to</source>
        <translation>受理日期至</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="62"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="64"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="84"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="99"/>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/register_dialog.py" line="103"/>
        <source>Please choose the file to save to.</source>
        <translation>请选择要保存的文件。</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="167"/>
        <source>Imported %1 cases; %2 rows skipped.</source>
        <translation>已导入 %1 个案件，跳过 %2 行。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="76"/>
        <source>The PDF could not be opened.</source>
        <translation>无法打开该 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="90"/>
        <location filename="../../ui/exports/pdf_preview.py" line="99"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="91"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="100"/>
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
        <location filename="../../ui/exports/register_dialog.py" line="122"/>
        <source>The register was saved to %1</source>
        <translation>登记表已保存到 %1</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="41"/>
        <source>Choose the register to import</source>
        <translation>选择要导入的登记表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="42"/>
        <source>An Excel workbook (.xlsx): a register exported by StudioDesk, or the studio&apos;s own older spreadsheet.</source>
        <translation>Excel 工作簿（.xlsx）：本系统导出的登记表，或影楼以前自己的表格。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="46"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="54"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="138"/>
        <source>Import register from Excel</source>
        <translation>从 Excel 导入登记表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="145"/>
        <source>Reading the register</source>
        <translation>正在读取登记表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="152"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../ui/exports/import_models.py" line="25"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="25"/>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="29"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="69"/>
        <source>Which column is which?</source>
        <translation>各列对应哪个字段？</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="70"/>
        <source>Columns were matched by their headers. Change any that are wrong; columns marked &quot;not imported&quot; are left out.</source>
        <translation>已按表头自动对应。如有不对请修改；标为“不导入”的列将被忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="87"/>
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
        <location filename="../../ui/exports/pdf_preview.py" line="49"/>
        <source>Print preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <location filename="../../ui/exports/pdf_preview.py" line="58"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../ui/exports/import_models.py" line="80"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="80"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="80"/>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="80"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="81"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="90"/>
        <source>(new number)</source>
        <translation>（新编号）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_models.py" line="93"/>
        <source>OK</source>
        <translation>无问题</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="103"/>
        <source>Check before importing</source>
        <translation>导入前检查</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="111"/>
        <source>Import the valid rows only (rows with problems are skipped)</source>
        <translation>只导入没有问题的行（有问题的行跳过）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="116"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/exports/import_wizard.py" line="122"/>
        <source>%1 cases read from sheet &quot;%2&quot;; %3 rows have problems.</source>
        <translation>从工作表“%2”读取了 %1 个案件，其中 %3 行有问题。</translation>
    </message>
</context>
</TS>
