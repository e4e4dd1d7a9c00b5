"""导入登记表 — read a register (our own export, or a studio's old register in any of the formats
of :mod:`studio_desk.importing.source`), preview it with a note per row and the value mapping,
and import it all at once.

Reading and checking write nothing. The import stages every case in memory first and then
writes them all in one short transaction (:mod:`studio_desk.importing.writer`): all or nothing
to the user, and the other desk waits seconds, not minutes. Imported cases keep their case
numbers; the per-day counters move past them, so new numbers never collide. A case already in
the database (the same file imported again) is counted, never written twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio_desk.errors import DomainError
from studio_desk.exports.register_check import Context, ImportRow, check_register_rows
from studio_desk.exports.register_columns import (
    BY_KEY,
    COMPENSATION_COLUMNS,
    FOLLOW_UP_COLUMNS,
    PENALTY_COLUMNS,
)
from studio_desk.exports.register_own import check_child_rows, money_total, stage_problems
from studio_desk.exports.register_read import normalise_header, read_file
from studio_desk.importing.dates import year_hint
from studio_desk.importing.values import as_table, propose_all, word_of
from studio_desk.importing.words import PLAIN_CHANNEL_WORDS, Proposal
from studio_desk.importing.writer import ImportResult, existing_fingerprints, fingerprint, write_import
from studio_desk.models import User
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.settings import get as setting
from studio_desk.vocab import label

CHILD_SHEETS = {"follow_ups": FOLLOW_UP_COLUMNS, "compensation": COMPENSATION_COLUMNS, "penalties": PENALTY_COLUMNS}
WANTED = ("received_at", "customer_name", "phone", "category", "description", "chain_step")

__all__ = ["ImportPreview", "ImportResult", "import_register", "read_register"]


@dataclass
class ImportPreview:
    """What the wizard and the command line show before anything is written."""

    path: Path
    sheets: list[str]  # the register's sheets read
    headers: list[str]  # every distinct header of those sheets, in order
    mapping: dict[str, str]  # header → field key
    missing: list[str]  # headers of fields no column is mapped to (a warning; the rows say more)
    rows: list[ImportRow]  # the register's rows, sheet by sheet
    proposals: list[Proposal]  # the value mapping
    skipped: list[tuple[str, int, str]]  # (sheet, row, why) rows that are not complaints
    history: bool  # a studio's old register (every case 历史导入), not our own export
    children: dict[str, list[ImportRow]] = field(default_factory=dict)  # follow_ups / compensation / penalties

    @property
    def sheet(self) -> str:
        return "、".join(self.sheets)

    @property
    def all_rows(self) -> list[ImportRow]:
        return self.rows + [r for rows in self.children.values() for r in rows]

    @property
    def warned_rows(self) -> list[ImportRow]:
        return [r for r in self.all_rows if r.problems or r.warnings]

    @property
    def new_cases(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok and not r.already]

    @property
    def already(self) -> int:
        return sum(r.already for r in self.rows)


def read_register(path: str | Path, columns: dict[str, str] | None = None,
                  values: dict[str, dict[str, str]] | None = None, progress: Progress = NO_PROGRESS) -> ImportPreview:
    """Read and check ``path`` without writing anything. ``columns`` (header → field key, '' to
    leave a column out) overrides the suggested column mapping; ``values`` (field → word → value)
    the proposed value mapping. What the studio chose at its last import is proposed first."""
    path = Path(path)
    progress.update(0, 3, "正在读取文件…")
    chosen = {normalise_header(h): k for h, k in {**(setting("import_columns") or {}), **(columns or {})}.items()}
    file = read_file(path, chosen)
    progress.update(1, 3, "正在识别取值…")
    proposals = propose_all([raw for sheet in file.sheets for _n, raw in sheet.rows], values)
    table = as_table(proposals)
    ctx = Context(table, history=not file.own_export)
    rows: list[ImportRow] = []
    seen: dict[str, str] = {}
    for sheet in file.sheets:
        progress.update(2, 3, f"正在检查“{sheet.name}”…")
        channel_words = [word_of(raw.get("channel")) for _n, raw in sheet.rows]
        checked = check_register_rows(sheet.name, sheet.rows, ctx, year_hint(sheet.name, sheet.title, path.stem), seen)
        for row, word in zip(checked, channel_words, strict=True):
            code = row.values.get("channel")
            if word and code and word not in PLAIN_CHANNEL_WORDS and word != label("channel", code) and not \
                    row.values.get("channel_detail"):
                row.values["channel_detail"] = word[:100]  # 大众点评 → 网络/在线, 渠道说明 大众点评
        rows += checked
    headers, mapping = _headers(file.sheets)
    mapped = set(mapping.values())
    missing = [BY_KEY[k].header for k in WANTED if k not in mapped]
    case_nos = {r.values["case_no"] for r in rows if r.values.get("case_no")}
    children = {kind: check_child_rows(kind, sheet.name, CHILD_SHEETS[kind], sheet.rows, ctx, case_nos)
                for kind, sheet in file.children.items()}
    if file.own_export:
        _check_cases_with_children(rows, children, ctx)
    _mark_already(rows)
    skipped = [(sheet.name, n, why) for sheet in file.sheets for n, why in sheet.skipped]
    progress.update(3, 3, "")
    return ImportPreview(path, [s.name for s in file.sheets], headers, mapping, missing, rows, proposals, skipped,
                         not file.own_export, children)


def _headers(sheets) -> tuple[list[str], dict[str, str]]:
    headers: list[str] = []
    mapping: dict[str, str] = {}
    for sheet in sheets:
        for index, header in enumerate(sheet.headers):
            if header and header not in headers:
                headers.append(header)
            if index in sheet.mapping:
                mapping.setdefault(header, sheet.mapping[index])
    return headers, mapping


def _mark_already(rows: list[ImportRow]) -> None:
    """Rows whose case is in the database already: by case number (our export), else by date,
    customer and description (an old register imported before)."""
    times = [r.values["received_at"] for r in rows if not r.already]
    if not times:
        return
    known = existing_fingerprints(min(times), max(times))
    for row in rows:
        if not row.already and not row.values.get("case_no") and fingerprint(row.values) in known:
            row.already = True


def _check_cases_with_children(rows: list[ImportRow], children: dict[str, list[ImportRow]], ctx: Context) -> None:
    """Checks that need a case's follow-ups and compensation lines: the stage's rules and the
    total. A case of our own export that could not have reached its stage is imported as history."""
    unreachable: dict[str, int] = defaultdict(int)
    for call in children.get("follow_ups", []):
        unreachable[call.values["case_no"]] += call.values.get("reached") is False
    lines_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in children.get("compensation", []):
        lines_of[line.values["case_no"]].append(line.values)
    for row in rows:
        case_no = row.values["case_no"]
        problems = stage_problems(row.values, ctx, unreachable[case_no] if case_no else 0)
        if problems:
            row.history = True
            row.warnings += problems + ["按历史案件导入，缺少的信息在下次推进时补填。"]
        lines = lines_of[case_no] if case_no else []
        total = row.values.get("compensation_total")
        if lines and total is not None and money_total(lines) != total:
            row.warnings.append(f"补偿金额 {total:,.2f} 元与补偿明细合计 {money_total(lines):,.2f} 元不一致。")


def import_register(user: User, preview: ImportPreview, *, progress: Progress = NO_PROGRESS,
                    remember: bool = True) -> ImportResult:
    """Write the previewed cases (every row that holds a complaint and is not in the database
    yet), all or nothing; the value and column mapping are remembered for the studio's next import."""
    if "customer_name" not in preview.mapping.values() and "description" not in preview.mapping.values():
        raise DomainError("登记表没有顾客姓名列，也没有投诉内容列，无法导入。请在“列对应”一步中指定。")
    remembered = (as_table(preview.proposals), preview.mapping) if remember else None
    return write_import(user, preview.path.name, preview.rows, preview.children, progress=progress,
                        remember=remembered)
