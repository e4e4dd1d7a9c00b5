"""Old registers as studios keep them, made for the import tests: the register issue 13
describes (a merged title row, a 填表人 line, phones as numbers and as "139 1234 5678", amounts as
"200元", dates typed three ways, a blank row and a 合计 row), a workbook with a sheet per month,
and the same register as .xls (converted by LibreOffice), .ods and a GBK .csv."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HEADERS = [
    "序号",
    "投诉日期",
    "顾客姓名",
    "联系电话",
    "订单号",
    "投诉方式",
    "投诉类型",
    "发生环节",
    "投诉内容",
    "顾客要求",
    "处理结果",
    "赔偿金额",
    "处理状态",
    "接待人",
    "备注",
]
# date, name, phone, order, channel, category, chain step, description, wish, result, amount, status, 接待人, 备注
ROWS = [
    [
        datetime(2026, 3, 2),
        "王丽",
        13912345678,
        "HJ20260101",
        "到店",
        "服务态度",
        "门市",
        "前台接待态度冷淡，等了半小时没人理",
        "道歉",
        "店长当面道歉",
        None,
        "已结案",
        "小张",
        "",
    ],
    [
        datetime(2026, 3, 3, 14, 30),
        "李娜",
        "139 1234 5679",
        "HJ20260102",
        "微信",
        "修片",
        "后期修片",
        "精修照片脸修变形了",
        "重新修片",
        "已安排重修",
        "0",
        "处理中",
        "小张",
        "VIP 老客户",
    ],
    [
        "2026.3.5",
        "赵敏",
        13812340003,
        "HJ20260103",
        "大众点评",
        "外景",
        "外景拍摄",
        "外景拍摄时间太短，只拍了一个场景",
        "补拍",
        "同意补拍外景半天",
        "200元",
        "已处理",
        "小李",
        "点评已删差评",
    ],
    [
        "2026年3月8日",
        "孙悦",
        "138-1234-0004",
        20260104,
        "电话",
        "化妆",
        "化妆",
        "化妆师迟到一小时，妆面不服帖",
        "退化妆费",
        "退化妆费 300 元",
        "300",
        "已结案",
        "小李",
        "",
    ],
    [
        datetime(2026, 3, 10),
        "周婷",
        13812340005,
        "HJ20260105",
        "门市",
        "选片",
        "选片",
        "选片时被强行推销加片",
        "取消加片",
        "",
        None,
        "未处理",
        "小张",
        "",
    ],
    [
        datetime(2026, 3, 12),
        "吴静",
        13812340006,
        "HJ20260106",
        "抖音",
        "相册质量",
        "相册",
        "相册封面有划痕",
        "换新相册",
        "相册重做中",
        "",
        "跟进中",
        "小王",
        "",
    ],
    [
        "2026/3/15",
        "郑洁",
        "13812340007",
        "HJ20260107",
        "小红书",
        "交付延误",
        "取件",
        "说好 30 天取件，45 天还没好",
        "尽快取件",
        "已加急",
        "100元",
        "处理完毕",
        "小王",
        "发了小红书笔记",
    ],
    [
        "2026-3-18",
        "冯雪",
        13812340008,
        "",
        "到店",
        "价格",
        "门市",
        "套餐外加收服装费没提前说",
        "退加收的钱",
        "退 150 元",
        "150.00",
        "已结案",
        "小张",
        "",
    ],
    [
        46101,
        "陈晨",
        13812340009,
        "HJ20260109",
        "电话回访",
        "服务态度",
        "售后",
        "回访时说摄影师态度差",
        "换摄影师",
        "",
        None,
        "未处理",
        "小李",
        "电话回访时提出",
    ],
]
# What each row must become: channel, 渠道说明, chain step, category, stage, amount.
EXPECTED = [
    ("walk_in", "", "reception", "服务态度", "closed", "0.00"),
    ("online", "微信", "retouch", "修图质量", "remedy", "0.00"),
    ("online", "大众点评", "shoot_outdoor", "拍摄质量", "closed", "200.00"),
    ("phone", "", "makeup", "化妆造型", "closed", "300.00"),
    ("walk_in", "", "selection", "其他", "registered", "0.00"),
    ("online", "抖音", "album", "相册/产品质量", "remedy", "0.00"),
    ("online", "小红书", "pickup", "交付延误", "closed", "100.00"),
    ("walk_in", "", "reception", "价格/收费", "closed", "150.00"),
    ("phone", "电话回访", "after_sales", "服务态度", "registered", "0.00"),
]


def _sheet(ws, title: str, rows: list[list]) -> None:
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(size=16, bold=True)
    ws.append(["填表人：小张", None, None, None, None, None, None, None, "审核：店长"])
    ws.append(HEADERS)
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    for cell in ws["D"][3:]:
        if isinstance(cell.value, int):
            cell.number_format = "0"
    ws.append([])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, None, "=SUM(L4:L12)"])
    ws.append(["注：本表每月底交店长审核。"])


def old_register_xlsx(path: Path) -> Path:
    """The register of issue 13: nine complaints of March 2026 and a 合计 row."""
    wb = openpyxl.Workbook()
    _sheet(wb.active, "花嫁摄影 2026年3月 顾客投诉登记表", ROWS)
    wb.active.title = "3月"
    wb.save(path)
    return path


def monthly_register_xlsx(path: Path) -> Path:
    """One sheet per month, dates written "4月2日" and "4.9": the year is in the file's title row."""
    wb = openpyxl.Workbook()
    _sheet(wb.active, "花嫁摄影 2026年 顾客投诉登记表（3月）", ROWS[:5])
    wb.active.title = "3月"
    april = [["4月2日", *ROWS[5][1:]], ["4.9", *ROWS[6][1:]], ["4月20日", *ROWS[7][1:]], [None, *ROWS[8][1:]]]
    _sheet(wb.create_sheet("4月"), "花嫁摄影 2026年 顾客投诉登记表（4月）", april)
    wb.create_sheet("说明").append(["本登记表由店长每月汇总"])
    wb.save(path)
    return path


def converted(xlsx: Path, kind: str) -> Path:
    """The workbook saved as .xls (Excel 97–2003) or .ods by LibreOffice, as a studio's office suite would."""
    out = xlsx.parent / f"{kind}-out"
    out.mkdir(exist_ok=True)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            kind,
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{xlsx.stem}.{kind}"


def gbk_csv(path: Path) -> Path:
    """The register as a CSV in GBK, as Excel on a Chinese Windows saves it (no title rows)."""
    with path.open("w", encoding="gbk", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADERS)
        for n, row in enumerate(ROWS, start=1):
            cells = [n, *row]
            cells[1] = cells[1].strftime("%Y/%m/%d %H:%M") if isinstance(cells[1], datetime) else cells[1]
            writer.writerow(["" if v is None else v for v in cells])
        writer.writerow(["合计", "", "", "", "", "", "", "", "", "", "", "750", "", "", ""])
    return path
