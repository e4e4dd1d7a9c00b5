"""Table models of the 统计 tab: the counts under each chart, the staff ranking, the hot spots
and the drill-down list of cases. Rows are the plain dicts of :func:`studio_desk.stats.compute`
(and CaseRow for cases), so the tables show exactly the JSON's numbers."""

from __future__ import annotations

from typing import Any

from studio_desk.search import CaseRow
from studio_desk.stats import format_percent
from ui.case.inputs import vocab_label
from ui.table_model import RowsModel


def row_label(row: dict[str, Any], kind: str | None, unassigned: str) -> str:
    """What a count row is called on screen: a vocabulary label in the desk's language, a
    category/department name, or "unassigned" for cases without a department."""
    if kind is not None:
        return vocab_label(kind, row["code"])
    return row["label"] if row.get("id") is not None else unassigned


def row_key(row: dict[str, Any]) -> Any:
    """The key a drill-down of this row asks for (a code, an id, or None for 未指定)."""
    return row["code"] if "code" in row else row.get("id")


class CountModel(RowsModel):
    """Item | Complaints | Share — one row per bar or slice."""

    def __init__(self, kind: str | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.total = 0
        self.headers = [self.tr("Item"), self.tr("Complaints"), self.tr("Share")]

    def set_counts(self, rows: list[dict[str, Any]], total: int) -> None:
        self.total = total
        self.set_rows(rows)

    def label(self, row: dict[str, Any]) -> str:
        return row_label(row, self.kind, self.tr("Unassigned"))

    def cell(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return self.label(row)
        if column == 1:
            return str(row["count"])
        return format_percent(round(row["count"] / self.total, 4) if self.total else None)


class MonthModel(RowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Month"), self.tr("Complaints")]

    def cell(self, row: dict[str, Any], column: int) -> str:
        return row["month"] if column == 0 else str(row["count"])


class StaffRankingModel(RowsModel):
    """Responsible staff by complaints; points and fines only when the figures include them (店长+)."""

    def __init__(self) -> None:
        super().__init__()
        self.with_penalties = False
        self._set_headers()

    def _set_headers(self) -> None:
        self.headers = [self.tr("Responsible"), self.tr("Department"), self.tr("Complaints")]
        if self.with_penalties:
            self.headers += [self.tr("Penalties"), self.tr("Points"), self.tr("Fines (yuan)")]

    def set_staff(self, rows: list[dict[str, Any]], with_penalties: bool) -> None:
        self.beginResetModel()
        self.with_penalties = with_penalties
        self._set_headers()
        self.rows = list(rows)
        self.endResetModel()

    def cell(self, row: dict[str, Any], column: int) -> str:
        values = [row["name"], row["department"], str(row["count"])]
        if self.with_penalties:
            values += [str(row["penalties"]), str(row["points"]), row["fines"]]
        return values[column]


class HotSpotModel(RowsModel):
    """Hot problems (category / chain step) or repeat customers, each with its number of cases."""

    def __init__(self, customers: bool) -> None:
        super().__init__()
        self.customers = customers
        if customers:
            self.headers = [self.tr("Customer"), self.tr("Phone"), self.tr("Complaints"), self.tr("Cases")]
        else:
            self.headers = [self.tr("Kind"), self.tr("Name"), self.tr("Complaints"), self.tr("Cases")]

    def cell(self, row: dict[str, Any], column: int) -> str:
        if self.customers:
            first, second = row["label"], row["phone"]
        else:
            first = self.tr("Category") if row["kind"] == "category" else self.tr("Service step")
            second = vocab_label("chain_step", row["key"]) if row["kind"] == "chain_step" else row["label"]
        cases = "、".join(row["cases"][:6]) + ("…" if row["count"] > 6 else "")
        return (first, second, str(row["count"]), cases)[column]


class CaseListModel(RowsModel):
    """The cases behind a clicked bar, slice, figure or hot spot."""

    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Case no."), self.tr("Received"), self.tr("Customer"), self.tr("Category"),
                        self.tr("Stage"), self.tr("Severity"), self.tr("Department")]

    def cell(self, row: CaseRow, column: int) -> str:
        values = (row.case_no, row.received_at.strftime("%Y-%m-%d %H:%M"), row.customer_name, row.category,
                  vocab_label("stage", row.stage), vocab_label("severity", row.severity), row.department)
        return values[column]
