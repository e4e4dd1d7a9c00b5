"""The board's one model: a two-level tree, stage columns at the top and their cards below.

Each column's QListView shows one stage by using that stage's index as its root. The rows
are the core's light :class:`~studio_desk.search.CaseRow` tuples held in memory, so
``data()`` — and therefore painting — never touches the database. A column holds its first
page of cards and fetches the next ones as it is scrolled (Qt's canFetchMore/fetchMore); its
header counts come from the database, for the whole column. A drop onto a column does
not move anything itself: it asks for the move (:attr:`BoardModel.move_requested`) and the
page lets the core decide; the model changes only when the rows are reloaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from studio_desk import clock
from studio_desk.deadlines import describe_time_left
from studio_desk.search import CaseRow
from studio_desk.vocab import STAGE_CODES, label
from ui.plain import plain_tip

MIME_TYPE = "application/x-studiodesk-case"
_NO_PARENT = 0xFFFFFFFF  # internalId of a stage index; a card's internalId is its column number

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PageFetcher = Callable[[str, int], list[CaseRow]]  # (stage, offset) → the column's next cards


class Role(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the whole CaseRow
    CASE_ID = ROW + 1
    CASE_NO = ROW + 2
    CUSTOMER = ROW + 3
    PHONE = ROW + 4
    CATEGORY = ROW + 5
    CHAIN_STEP = ROW + 6
    DEPARTMENT = ROW + 7
    STAFF = ROW + 8
    SEVERITY = ROW + 9
    REPEAT = ROW + 10
    TIME_LEFT = ROW + 11  # "还剩 5 小时" / "已超时 2 天" (or when it was closed)
    TIME_STATE = ROW + 12  # none | ok | soon | overdue | closed
    STAGE = ROW + 13
    COUNT = ROW + 14  # stage index: cards in the column
    OVERDUE = ROW + 15  # stage index: overdue cards in the column


_ROW_ATTRIBUTES = {
    Role.CASE_ID: "id", Role.CASE_NO: "case_no", Role.CUSTOMER: "customer_name", Role.PHONE: "phone",
    Role.CATEGORY: "category", Role.DEPARTMENT: "department", Role.STAFF: "staff", Role.SEVERITY: "severity",
    Role.REPEAT: "is_repeat", Role.STAGE: "stage",
}


class BoardModel(QAbstractItemModel):
    move_requested = Signal(object, str)  # (CaseRow, target stage)

    def __init__(self, parent: QObject | None = None, *, lang: str = "zh") -> None:
        super().__init__(parent)
        self.lang = lang
        self.now = clock.now()
        self._columns: list[list[CaseRow]] = [[] for _ in STAGE_CODES]
        self._counts: list[tuple[int, int]] = [(0, 0)] * len(STAGE_CODES)  # (cards, overdue) per column
        self._fetch: PageFetcher | None = None
        self._by_id: dict[int, tuple[int, int]] = {}

    # --- contents ----------------------------------------------------------------------

    def set_board(self, pages: dict[str, list[CaseRow]], counts: dict[str, tuple[int, int]], now: datetime,
                  fetch: PageFetcher | None = None) -> bool:
        """Show the first ``pages`` of each column; ``counts`` are the whole columns' (cards, overdue),
        and ``fetch(stage, offset)`` gives a column's next page as it is scrolled (Qt's fetchMore).
        Returns False when nothing changed."""
        columns = [list(pages.get(stage, ())) for stage in STAGE_CODES]
        totals = [counts.get(stage, (len(columns[c]), 0)) for c, stage in enumerate(STAGE_CODES)]
        self._fetch = fetch
        changed = columns != self._columns or totals != self._counts
        if changed:
            self.beginResetModel()
            self._columns, self._counts = columns, totals
            self._index_ids()
        self.set_now(now, notify=not changed)
        if changed:
            self.endResetModel()
        return changed

    def set_rows(self, rows: list[CaseRow], now: datetime) -> bool:
        """Show all of ``rows`` (kept in the order given), with nothing more to fetch."""
        pages: dict[str, list[CaseRow]] = {stage: [] for stage in STAGE_CODES}
        for row in rows:
            pages[row.stage].append(row)
        counts = {stage: (len(cards), sum(1 for r in cards if r.next_due is not None and r.next_due < now))
                  for stage, cards in pages.items()}
        return self.set_board(pages, counts, now)

    def set_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        """New column totals (time moved on: more cases overdue) without reloading the cards."""
        totals = [counts.get(stage, self._counts[c]) for c, stage in enumerate(STAGE_CODES)]
        if totals != self._counts:
            self._counts = totals
            for c in range(len(STAGE_CODES)):
                stage = self.createIndex(c, 0, _NO_PARENT)
                self.dataChanged.emit(stage, stage, [Role.COUNT, Role.OVERDUE])

    def _index_ids(self) -> None:
        self._by_id = {row.id: (c, r) for c, column in enumerate(self._columns) for r, row in enumerate(column)}

    def set_now(self, now: datetime, *, notify: bool = True) -> None:
        """The moment "time left" is measured from; the cards repaint when it moves."""
        self.now = now
        if notify:
            for c, column in enumerate(self._columns):
                if column:
                    stage = self.stage_index(STAGE_CODES[c])
                    self.dataChanged.emit(self.index(0, 0, stage), self.index(len(column) - 1, 0, stage),
                                          [Role.TIME_LEFT, Role.TIME_STATE])

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 — Qt's name
        return (self._fetch is not None and parent.isValid() and parent.internalId() == _NO_PARENT
                and len(self._columns[parent.row()]) < self._counts[parent.row()][0])

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 — Qt's name
        if not self.canFetchMore(parent):
            return
        c = parent.row()
        column = self._columns[c]
        # Another desk may have changed the column since it was loaded (the next poll reloads it);
        # a card already shown is not shown twice.
        more = [row for row in self._fetch(STAGE_CODES[c], len(column)) if row.id not in self._by_id]
        if not more:  # the column shrank since it was counted: stop asking until the next reload
            self._counts[c] = (len(column), self._counts[c][1])
            return
        self.beginInsertRows(self.createIndex(c, 0, _NO_PARENT), len(column), len(column) + len(more) - 1)
        start = len(column)
        column.extend(more)
        self._by_id.update({row.id: (c, start + r) for r, row in enumerate(more)})
        self.endInsertRows()

    def find_case(self, case_id: int, stage: str) -> QModelIndex:
        """The card of a case, fetching further pages of ``stage``'s column until it comes;
        an invalid index when the column has no such card."""
        root = self.stage_index(stage)
        index = self.case_index(case_id)
        while not index.isValid() and self.canFetchMore(root):  # an empty page lowers the count, so this ends
            self.fetchMore(root)
            index = self.case_index(case_id)
        return index

    def rows(self, stage: str) -> list[CaseRow]:
        return list(self._columns[STAGE_CODES.index(stage)])

    def stage_index(self, stage: str) -> QModelIndex:
        return self.createIndex(STAGE_CODES.index(stage), 0, _NO_PARENT)

    def case_index(self, case_id: int) -> QModelIndex:
        """The card of a case, or an invalid index when it is not on the board."""
        where = self._by_id.get(case_id)
        if where is None:
            return QModelIndex()
        return self.createIndex(where[1], 0, where[0])

    def row_at(self, index: Index) -> CaseRow | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._columns[index.internalId()][index.row()]

    # --- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _NO_PARENT) if row < len(STAGE_CODES) else QModelIndex()
        if parent.internalId() != _NO_PARENT or row >= len(self._columns[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row())

    def parent(self, index: Index | None = None):  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _NO_PARENT)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(STAGE_CODES)
        if parent.internalId() == _NO_PARENT:
            return len(self._columns[parent.row()])
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            return self._stage_data(index.row(), role)
        row = self._columns[index.internalId()][index.row()]
        if role == Role.ROW:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.case_no} {row.customer_name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip("\n".join(filter(None, (row.case_no, f"{row.customer_name} {row.phone}", row.category,
                                           label("chain_step", row.chain_step, self.lang),
                                           " / ".join(filter(None, (row.department, row.staff)))))))
        if role in (Role.TIME_LEFT, Role.TIME_STATE):
            return self._time_left(row)[0 if role == Role.TIME_LEFT else 1]
        if role in _ROW_ATTRIBUTES:
            return getattr(row, _ROW_ATTRIBUTES[role])
        if role == Role.CHAIN_STEP:
            return label("chain_step", row.chain_step, self.lang)
        return None

    def _stage_data(self, column: int, role: int):
        stage = STAGE_CODES[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return label("stage", stage, self.lang)
        if role == Role.STAGE:
            return stage
        if role == Role.COUNT:
            return self._counts[column][0]
        if role == Role.OVERDUE:
            return self._counts[column][1]
        return None

    def _time_left(self, row: CaseRow) -> tuple[str, str]:
        if row.closed_at is not None and row.stage == "closed":
            return row.closed_at.strftime("%m-%d"), "closed"
        return describe_time_left(row.next_due, self.now)

    # --- drag and drop -----------------------------------------------------------------

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = [row for row in (self.row_at(i) for i in indexes) if row is not None]
        mime = QMimeData()
        if rows:
            mime.setData(MIME_TYPE, json.dumps({"id": rows[0].id, "version": rows[0].version}).encode())
            mime.setText(rows[0].case_no)
        return mime

    def _dropped(self, mime: QMimeData, parent: Index) -> tuple[CaseRow, str] | None:
        """The card being dropped and the column it is dropped on, if that is another column."""
        if not mime.hasFormat(MIME_TYPE) or not parent.isValid():
            return None
        if parent.internalId() != _NO_PARENT:
            parent = self.parent(parent)
        try:
            case_id = int(json.loads(bytes(mime.data(MIME_TYPE).data()).decode())["id"])
        except (ValueError, KeyError, TypeError):
            return None
        index = self.case_index(case_id)
        row = self.row_at(index)
        target = STAGE_CODES[parent.row()]
        if row is None or row.stage == target:
            return None
        return row, target

    def canDropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and self._dropped(mime, parent) is not None

    def dropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        dropped = self._dropped(mime, parent) if action == Qt.DropAction.MoveAction else None
        if dropped is None:
            return False
        self.move_requested.emit(*dropped)
        # Nothing moves here: the card stays until the core has moved the case and the rows reload.
        return False
