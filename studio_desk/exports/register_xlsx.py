"""导出登记表 — the complaint register as an Excel workbook: 打印版 (the meeting's columns, the
sheet that prints first), 投诉登记表 (every column, one row per case), 回访记录表, 补偿明细 and,
for 店长+, 员工处罚. Every sheet is set up to print (:mod:`studio_desk.exports.xlsx_print`).

The workbook is streamed (XlsxWriter's constant_memory mode; tests/bench compares it with
openpyxl's write-only mode), so 100,000 cases need little memory; it is written to a temporary
file and renamed at the end, so a cancelled or failed export leaves no half-written file.
Phone numbers are masked unless the user may and asks to see them in full, which the audit
event records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from peewee import ModelSelect
from xlsxwriter import Workbook

from studio_desk import clock
from studio_desk.db import current_database
from studio_desk.exports.access import record_export
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import Studio, fmt_dt
from studio_desk.exports.register_columns import (
    COMPENSATION_COLUMNS,
    COMPENSATION_SHEET,
    FOLLOW_UP_COLUMNS,
    FOLLOW_UP_SHEET,
    PENALTY_COLUMNS,
    PENALTY_SHEET,
    REGISTER_COLUMNS,
    REGISTER_SHEET,
)
from studio_desk.exports.register_print import PRINT_COLUMNS, PRINT_SHEET, print_values
from studio_desk.exports.register_values import Lookups, register_query, register_rows, stored_time, yuan
from studio_desk.exports.xlsx_cells import WorkbookFile, discard, finish_sheet, new_workbook, save, start_sheet
from studio_desk.exports.xlsx_print import PrintSetup
from studio_desk.models import CompensationLine, Complaint, Customer, FollowUp, Staff, StaffPenalty, User
from studio_desk.permissions import allowed, require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.vocab import label

STEP = 500  # rows between progress reports


def describe_range(date_from: date | None, date_to: date | None, case_ids: list[int] | None) -> str:
    if case_ids is not None:
        return f"所选 {len(case_ids)} 件"
    if date_from and date_to:
        return f"{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}"
    if date_from:
        return f"{date_from:%Y-%m-%d} 起"
    if date_to:
        return f"截至 {date_to:%Y-%m-%d}"
    return "全部"


def export_register(user: User, path: str | Path, *, date_from: date | None = None, date_to: date | None = None,
                    case_ids: list[int] | None = None, include_full_phone: bool = False,
                    progress: Progress = NO_PROGRESS) -> Path:
    """Write the register of the cases received in [date_from, date_to] (or ``case_ids``) to ``path``."""
    require(user, "export")
    if include_full_phone:
        require(user, "export_full_phone")
    path = Path(path)
    total = register_query(date_from, date_to, case_ids).count()
    look = Lookups.load()
    span = describe_range(date_from, date_to, case_ids)
    studio = Studio.from_settings().name
    heading = f"{studio}　{{}}　{span}　导出时间：{fmt_dt(clock.now())}"
    setup = PrintSetup(studio, span)
    with_penalties = allowed(user.role, "penalties")
    progress.update(0, total, "正在导出登记表…")
    with atomic_output(path, (".xlsx",)) as temp, WorkbookFile(temp, "w") as file:
        wb = new_workbook(file)
        try:
            rows = register_rows(look, date_from, date_to, case_ids, full_phone=include_full_phone)
            cases = register_query(date_from, date_to, case_ids).select(Complaint.id).order_by()
            _write(wb, rows, cases, look, heading, setup, total, with_penalties, progress)
            progress.update(total, total, "正在保存文件…")
            save(wb, file)
        except BaseException:
            discard(wb)
            raise
        record_export(user, "register", path, None, description=f"{span}，共 {total} 件", rows=total, range=span,
                      full_phone=include_full_phone, penalties=with_penalties)
    return path


def _write(wb: Workbook, rows: Iterator[tuple[int, list]], cases: ModelSelect, look: Lookups, heading: str,
           setup: PrintSetup, total: int, with_penalties: bool, progress: Progress) -> None:
    """The register's sheets; ``cases`` selects the ids of its cases (for the other sheets' rows)."""
    title = heading.format("顾客投诉登记表") + f"　共 {total} 件"
    # Both sheets are written in one pass over the cases; the printed one comes first, so that
    # printing the workbook starts with it.
    printed = start_sheet(wb, PRINT_SHEET, PRINT_COLUMNS, title, setup)
    cells = start_sheet(wb, REGISTER_SHEET, REGISTER_COLUMNS, title, setup)
    for n, (_, values) in enumerate(rows, start=1):
        cells.append(values)
        printed.append(print_values(values))
        if n % STEP == 0:
            progress.update(n, total, f"正在导出登记表（{n}/{total}）…")
    finish_sheet(cells)
    finish_sheet(printed)

    def tick(message: str) -> None:
        progress.update(total, total, message)

    _follow_ups(wb, cases, look, heading.format("回访记录表"), setup, tick)
    _compensation(wb, cases, heading.format("补偿明细"), setup, tick)
    if with_penalties:
        _penalties(wb, cases, look, heading.format("员工处罚记录"), setup, tick)


def _follow_ups(wb: Workbook, cases: ModelSelect, look: Lookups, title: str, setup: PrintSetup,
                tick: Callable[[str], None]) -> None:
    cells = start_sheet(wb, FOLLOW_UP_SHEET, FOLLOW_UP_COLUMNS, title, setup)
    users = look.users
    tick("正在导出回访记录…")
    query = (FollowUp.select(Complaint.case_no, Customer.name, FollowUp.at, FollowUp.by, FollowUp.reached,
                             FollowUp.satisfied, FollowUp.satisfaction, FollowUp.comments)
             .join(Complaint).join(Customer).where(FollowUp.case.in_(cases))
             .order_by(Complaint.received_at, Complaint.id, FollowUp.at, FollowUp.id))
    for n, (case_no, name, at, by, reached, satisfied, satisfaction, comments) in enumerate(
            current_database().execute(query), start=1):
        cells.append((case_no, name, stored_time(at), users.get(by), bool(reached),
                      None if satisfied is None else bool(satisfied), satisfaction, comments))
        if n % STEP == 0:
            tick("正在导出回访记录…")  # (a chance to cancel)
    finish_sheet(cells)


def _compensation(wb: Workbook, cases: ModelSelect, title: str, setup: PrintSetup,
                  tick: Callable[[str], None]) -> None:
    cells = start_sheet(wb, COMPENSATION_SHEET, COMPENSATION_COLUMNS, title, setup)
    tick("正在导出补偿明细…")
    query = (CompensationLine.select(Complaint.case_no, CompensationLine.kind, CompensationLine.description,
                                     CompensationLine.amount, CompensationLine.round, CompensationLine.carried_out_at)
             .join(Complaint).where(CompensationLine.case.in_(cases))
             .order_by(Complaint.received_at, Complaint.id, CompensationLine.id))
    for n, (case_no, kind, description, amount, round_, carried_out_at) in enumerate(
            current_database().execute(query), start=1):
        cells.append((case_no, label("remedy_type", kind), description, yuan(amount), round_,
                      stored_time(carried_out_at)))
        if n % STEP == 0:
            tick("正在导出补偿明细…")
    finish_sheet(cells)


def _penalties(wb: Workbook, cases: ModelSelect, look: Lookups, title: str, setup: PrintSetup,
               tick: Callable[[str], None]) -> None:
    cells = start_sheet(wb, PENALTY_SHEET, PENALTY_COLUMNS, title, setup)
    tick("正在导出员工处罚…")
    query = (StaffPenalty.select(Complaint.case_no, Staff.name, Staff.department, StaffPenalty.points,
                                 StaffPenalty.fine, StaffPenalty.reason, StaffPenalty.recorded_by,
                                 StaffPenalty.recorded_at)
             .join(Complaint).switch(StaffPenalty).join(Staff)
             .where(StaffPenalty.case.in_(cases))
             .order_by(Complaint.received_at, Complaint.id, StaffPenalty.recorded_at, StaffPenalty.id))
    for n, (case_no, staff, department, points, fine, reason, by, at) in enumerate(
            current_database().execute(query), start=1):
        cells.append((case_no, staff, look.departments.get(department), points, yuan(fine), reason,
                      look.users.get(by), stored_time(at)))
        if n % STEP == 0:
            tick("正在导出员工处罚…")
    finish_sheet(cells)
