"""The board's one model: a two-level tree, stage columns at the top and their cards below.

Each column's QListView shows one stage by using that stage's index as its root. The rows
are the core's light :class:`~studio_desk.search.CaseRow` tuples held in memory, so
``data()`` — and therefore painting — never touches the database. A column holds its first
page of cards and asks for the next ones as it is scrolled (Qt's canFetchMore/fetchMore); the
page reads them off the GUI thread and adds them (:meth:`BoardModel.add_page`). Its header
counts come from the database, for the whole column. A drop onto a column does
not move anything itself: it asks for the move (:attr:`BoardModel.move_requested`) and the
page lets the core decide; the model changes only when the rows are reloaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from studio_desk import clock
from studio_desk.deadlines import describe_time_left
from studio_desk.search import CaseRow
from studio_desk.vocab import STAGE_CODES, label
from ui.board.row_diff import kept_in_place, runs
from ui.plain import plain_tip

MIME_TYPE = "application/x-studiodesk-case"
_NO_PARENT = 0xFFFFFFFF  # internalId of a stage index; a card's internalId is its column number

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
TIME_STEP = timedelta(minutes=1)  # "time left" is told to the minute at best
PageRequest = Callable[[str], None]  # asks for a column's next cards; BoardModel.add_page shows them


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
    Role.CASE_ID: "id",
    Role.CASE_NO: "case_no",
    Role.CUSTOMER: "customer_name",
    Role.PHONE: "phone",
    Role.CATEGORY: "category",
    Role.DEPARTMENT: "department",
    Role.STAFF: "staff",
    Role.SEVERITY: "severity",
    Role.REPEAT: "is_repeat",
    Role.STAGE: "stage",
}


class BoardModel(QAbstractItemModel):
    move_requested = Signal(object, str)  # (CaseRow, target stage)

    def __init__(self, parent: QObject | None = None, *, lang: str = "zh") -> None:
        super().__init__(parent)
        self.lang = lang
        self.now = clock.now()
        self._time_shown = self.now  # the moment the cards' "time left" was last repainted for
        self._columns: list[list[CaseRow]] = [[] for _ in STAGE_CODES]
        self._counts: list[tuple[int, int]] = [(0, 0)] * len(STAGE_CODES)  # (cards, overdue) per column
        self._fetch: PageRequest | None = None
        self._asked: set[int] = set()  # columns whose next page has been asked for and not yet added
        self._by_id: dict[int, tuple[int, int]] = {}

    # --- contents ----------------------------------------------------------------------

    def set_board(
        self,
        pages: dict[str, list[CaseRow]],
        counts: dict[str, tuple[int, int]],
        now: datetime,
        fetch: PageRequest | None = None,
    ) -> set[str]:
        """Show the first ``pages`` of each column; ``counts`` are the whole columns' (cards, overdue),
        and ``fetch(stage)`` asks for a column's next page as it is scrolled (Qt's fetchMore), which
        :meth:`add_page` then shows.

        Only the difference is applied — cards that left a column removed, new ones inserted, changed
        ones updated in place — so the views keep their selection and current card (a reset would lose
        both and make every column lay out all its cards again). The other cards repaint their "time
        left" only when it was last repainted a minute ago or more: repainting every card on screen at
        each reload would double its work on the GUI thread. Returns the stages whose cards came or
        went: their views lay their cards out again."""
        self._fetch = fetch
        self.now = now
        moved = {stage for c, stage in enumerate(STAGE_CODES) if self._update_column(c, list(pages.get(stage, ())))}
        self._index_ids()
        self._set_totals([counts.get(stage, (len(self._columns[c]), 0)) for c, stage in enumerate(STAGE_CODES)])
        if now - self._time_shown >= TIME_STEP:
            self.set_now(now)
        return moved

    def _update_column(self, c: int, new: list[CaseRow]) -> bool:
        """Turn column ``c`` into ``new`` by row removes, inserts and data changes; True if cards came or went."""
        column = self._columns[c]
        if column == new:
            return False
        parent = self.createIndex(c, 0, _NO_PARENT)
        kept = kept_in_place(column, {row.id: r for r, row in enumerate(new)})
        came_or_went = not (len(kept) == len(column) == len(new))
        for start, end in reversed(runs([row.id not in kept for row in column])):  # bottom up: rows above stay put
            self.beginRemoveRows(parent, start, end - 1)
            del column[start:end]
            self.endRemoveRows()
        for start, end in runs([row.id not in kept for row in new]):  # the kept cards are in the new order
            self.beginInsertRows(parent, start, end - 1)
            column[start:start] = new[start:end]
            self.endInsertRows()
        for start, end in runs([old != row for old, row in zip(column, new, strict=True)]):  # a case changed
            column[start:end] = new[start:end]
            self.dataChanged.emit(self.index(start, 0, parent), self.index(end - 1, 0, parent))
        return came_or_went

    def set_rows(self, rows: list[CaseRow], now: datetime) -> set[str]:
        """Show all of ``rows`` (kept in the order given), with nothing more to fetch."""
        pages: dict[str, list[CaseRow]] = {stage: [] for stage in STAGE_CODES}
        for row in rows:
            pages[row.stage].append(row)
        counts = {
            stage: (len(cards), sum(1 for r in cards if r.next_due is not None and r.next_due < now))
            for stage, cards in pages.items()
        }
        return self.set_board(pages, counts, now)

    def set_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        """New column totals (time moved on: more cases overdue) without reloading the cards."""
        self._set_totals([counts.get(stage, self._counts[c]) for c, stage in enumerate(STAGE_CODES)])

    def _set_totals(self, totals: list[tuple[int, int]]) -> None:
        if totals != self._counts:
            self._counts = totals
            for c in range(len(STAGE_CODES)):
                stage = self.createIndex(c, 0, _NO_PARENT)
                self.dataChanged.emit(stage, stage, [Role.COUNT, Role.OVERDUE])

    def _index_ids(self) -> None:
        self._by_id = {row.id: (c, r) for c, column in enumerate(self._columns) for r, row in enumerate(column)}

    def set_now(self, now: datetime) -> None:
        """The moment "time left" is measured from; the cards repaint when it moves."""
        self.now = self._time_shown = now
        for c, column in enumerate(self._columns):
            if column:
                stage = self.stage_index(STAGE_CODES[c])
                self.dataChanged.emit(
                    self.index(0, 0, stage), self.index(len(column) - 1, 0, stage), [Role.TIME_LEFT, Role.TIME_STATE]
                )

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 — Qt's name
        return (
            self._fetch is not None
            and parent.isValid()
            and parent.internalId() == _NO_PARENT
            and len(self._columns[parent.row()]) < self._counts[parent.row()][0]
        )

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 — Qt's name
        """Ask for the column's next page (read off the GUI thread); one request per column at a time."""
        if self.canFetchMore(parent) and parent.row() not in self._asked:
            self._asked.add(parent.row())
            self._fetch(STAGE_CODES[parent.row()])

    def add_page(self, stage: str, rows: list[CaseRow]) -> None:
        """The next cards of ``stage``'s column, read after :meth:`fetchMore` asked for them ([] when none
        could be read: the column asks no more until the next reload)."""
        c = STAGE_CODES.index(stage)
        self._asked.discard(c)
        column = self._columns[c]
        # Another desk may have changed the column since it was loaded (the next poll reloads it);
        # a card already shown is not shown twice.
        more = [row for row in rows if row.id not in self._by_id]
        if not more:  # the column shrank since it was counted: stop asking until the next reload
            self._counts[c] = (len(column), self._counts[c][1])
            return
        start = len(column)
        self.beginInsertRows(self.createIndex(c, 0, _NO_PARENT), start, start + len(more) - 1)
        column.extend(more)
        self._by_id.update({row.id: (c, start + r) for r, row in enumerate(more)})
        self.endInsertRows()

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
            return plain_tip(
                "\n".join(
                    filter(
                        None,
                        (
                            row.case_no,
                            f"{row.customer_name} {row.phone}",
                            row.category,
                            label("chain_step", row.chain_step, self.lang),
                            " / ".join(filter(None, (row.department, row.staff))),
                        ),
                    )
                )
            )
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

    def canDropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and self._dropped(mime, parent) is not None

    def dropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        dropped = self._dropped(mime, parent) if action == Qt.DropAction.MoveAction else None
        if dropped is None:
            return False
        self.move_requested.emit(*dropped)
        # Nothing moves here: the card stays until the core has moved the case and the rows reload.
        return False
