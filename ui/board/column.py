"""One stage column of the board: a header with the counts and a QListView of painted cards.

Every column views the same :class:`~ui.board.model.BoardModel`, rooted at its stage.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QListView, QVBoxLayout, QWidget

from studio_desk.vocab import label
from ui.board.card_delegate import CardDelegate
from ui.board.model import BoardModel, Role
from ui.style import ERROR_COLOR, MUTED_COLOR, SLIM_SCROLLBAR

COLUMN_MIN_WIDTH = 170
LAYOUT_BATCH = 200


class CardList(QListView):
    """The cards of one stage; drags carry the model's mime data, drops ask the model."""

    step_column = Signal(int)  # -1 / +1: Left / Right arrow moves to the neighbouring column

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.dragging = False
        self.setObjectName(f"cards_{stage}")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setUniformItemSizes(True)
        # A column of thousands places its first cards and paints at once; the rest follow in the
        # event loop, a batch at a time, instead of delaying the board's first paint.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(LAYOUT_BATCH)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.verticalScrollBar().setStyleSheet(SLIM_SCROLLBAR)

    def layout_now(self) -> None:
        """Place every card at once: keeping a scroll position or scrolling to a card needs them all."""
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.doItemsLayout()
        self.setLayoutMode(QListView.LayoutMode.Batched)

    def place(self) -> tuple[int, int | None, int] | None:
        """Where the list is scrolled: the scroll bar's value, the case whose card is at the top of the
        view and how far that card starts above the top; None when the list is at its top."""
        value = self.verticalScrollBar().value()
        if value == 0:
            return None
        top = self.indexAt(QPoint(self.viewport().width() // 2, 0))
        row = self.model().row_at(top)
        return value, row.id if row is not None else None, self.visualRect(top).top()

    def keep_place(self, place: tuple[int, int | None, int] | None) -> None:
        """After cards came or went: the card that was at the top of the view is there again.

        Qt lays the whole list out again after any insert or remove, and a batched layout starts
        from the top, pulling a scrolled list back to its first cards; so the list is laid out at
        once here, before it is painted. At the top, the batched layout is left to do it."""
        if place is None:
            return
        value, case_id, top = place
        self.layout_now()
        index = self.model().case_index(case_id) if case_id is not None else QModelIndex()
        if index.isValid() and index.parent() == self.rootIndex():
            value = self.verticalScrollBar().value() + self.visualRect(index).top() - top
        self.verticalScrollBar().setValue(value)

    # Every column views the same model; QListView lays all its cards out again when anything in
    # the model changes, even another column's cards, and a batched layout starts from the top,
    # pulling a scrolled list back to its first cards. So a column reacts only to its own cards,
    # and a change of a card only repaints it: all cards have the same size (uniform item sizes).

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int] = ()) -> None:  # noqa: N802 — Qt's name
        if top_left.parent() == self.rootIndex():
            QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)

    def rowsInserted(self, parent: QModelIndex, start: int, end: int) -> None:  # noqa: N802 — Qt's name
        if parent == self.rootIndex():
            super().rowsInserted(parent, start, end)

    def rowsAboutToBeRemoved(self, parent: QModelIndex, start: int, end: int) -> None:  # noqa: N802 — Qt's name
        if parent == self.rootIndex():
            super().rowsAboutToBeRemoved(parent, start, end)

    def startDrag(self, actions: Qt.DropAction) -> None:
        # The page does not reload the rows while a card is being dragged.
        self.dragging = True
        try:
            super().startDrag(actions)
        finally:
            self.dragging = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_column.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)


class BoardColumn(QFrame):
    def __init__(
        self, stage: str, model: BoardModel, delegate: CardDelegate, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.stage = stage
        self.model = model
        self.title = label("stage", stage, lang)
        self.setObjectName(f"column_{stage}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.header = QLabel()
        self.header.setObjectName(f"header_{stage}")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(8, 6, 8, 2)
        self.cards = CardList(stage)
        self.cards.setModel(model)
        self.cards.setItemDelegate(delegate)
        self.cards.setAccessibleName(self.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.cards, 1)
        self.footer: QLabel | None = None
        self.cards.setRootIndex(model.stage_index(stage))
        self.update_header()

    def add_footer(self, footer: QLabel) -> None:
        self.footer = footer
        footer.setContentsMargins(8, 4, 8, 6)
        self.layout().addWidget(footer)

    def update_header(self) -> None:
        root: QModelIndex = self.model.stage_index(self.stage)
        count, overdue = root.data(Role.COUNT), root.data(Role.OVERDUE)
        text = f"<b>{self.title}</b>&nbsp;&nbsp;<span style='color:{MUTED_COLOR}'>{count}</span>"
        if overdue:
            late = self.tr("%1 overdue").replace("%1", str(overdue))
            text += f"&nbsp;&nbsp;<span style='color:{ERROR_COLOR}; font-weight:bold'>{late}</span>"
        self.header.setText(text)
        self.header.setToolTip(self.tr("%1 cases, %2 overdue").replace("%1", str(count)).replace("%2", str(overdue)))
