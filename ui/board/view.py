"""The 看板 tab: every open case as a card in its stage column, with filters above.

Cards are moved by dragging them to another column, with the 前移/后移 actions or with the
context menu; the core decides every move (:func:`studio_desk.services.cases.move_case`),
a refused move leaves the card where it was and shows the reason, and missing information
opens the dialog for that transition. Changes made elsewhere appear by themselves, keeping the
selected card and each column's scroll position: on a SQLite file a cheap change marker is
checked every few seconds; on the shared database the other desk's changes arrive as
notifications within a second (:mod:`ui.live_updates`) and the timer only moves "time left" on.
"""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from studio_desk import board_prefs, clock
from studio_desk.changes import data_version
from studio_desk.errors import DomainError
from studio_desk.search import BoardFilters, CaseRow, board_counts, board_page, board_snapshot
from studio_desk.vocab import STAGE_CODES
from ui.board.actions import BoardActions
from ui.board.card_delegate import CardDelegate
from ui.board.column import BoardColumn, CardList
from ui.board.filter_bar import FilterBar
from ui.board.model import BoardModel
from ui.i18n import vocab_lang
from ui.ops import error_text, read_op, write_op
from ui.plain import plain_label
from ui.session import Session
from ui.style import ERROR_COLOR

POLL_MS = 3000
SHARED_TICK_MS = 30_000  # on the shared database changes arrive by notification; this moves "time left" on
MESSAGE_MS = 10_000


class BoardPage(QWidget):
    """Signals: refreshed — the cards or counts just read are on screen."""

    refreshed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board_page")
        self.session = session
        lang = vocab_lang()
        self.model = BoardModel(self, lang=lang)
        self.delegate = CardDelegate(self, lang=lang)
        self.filter_bar = FilterBar()
        self.message = plain_label()
        self.message.setObjectName("board_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"background: #fdecea; color: {ERROR_COLOR}; padding: 6px; border-radius: 4px;")
        self.message.hide()
        self._message_timer = QTimer(self, singleShot=True, interval=MESSAGE_MS, timeout=self.message.hide)

        self.columns: dict[str, BoardColumn] = {}
        strip = QWidget()
        board = QHBoxLayout(strip)
        board.setContentsMargins(0, 0, 0, 0)
        board.setSpacing(6)
        for stage in STAGE_CODES:
            column = BoardColumn(stage, self.model, self.delegate, lang)
            self.columns[stage] = column
            board.addWidget(column, 1)
            cards = column.cards
            cards.activated.connect(self._activated)
            cards.step_column.connect(lambda step, s=stage: self._step_column(s, step))
            cards.customContextMenuRequested.connect(lambda pos, c=cards: self.actions.context_menu(c, pos))
            cards.selectionModel().selectionChanged.connect(lambda _new, _old, c=cards: self._selection_changed(c))
        self.actions = BoardActions(self)
        self.columns["closed"].add_footer(self.actions.older_closed_link())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = self._scroller(self.filter_bar)  # a narrow window scrolls the filters too
        filters.setFixedHeight(self.filter_bar.sizeHint().height() + filters.horizontalScrollBar().sizeHint().height())
        layout.addWidget(filters)
        layout.addWidget(self.message)
        layout.addWidget(self._scroller(strip), 1)

        self._selected_id: int | None = None
        self._version: object = None
        self._reading = False  # the board reads one thing at a time: the rows it adds stay in order
        self._applying = False  # the model is taking new rows: Qt's own selection moves are not the user's
        self._select_after: tuple[int, str] | None = None  # a card just moved: (case id, its new stage)
        self._wanted: str | None = None  # "full" or "poll": a read asked for while one runs
        self._pages_wanted: list[str] = []  # columns scrolled to their end, waiting for their next page
        self.filters = self._load_filters()
        self.filter_bar.set_filters(self.filters)
        self.filter_bar.changed.connect(self.set_filters)
        self.model.move_requested.connect(self.request_move, Qt.ConnectionType.QueuedConnection)
        session.data_changed.connect(self.filter_bar.reload_choices)  # a category or department added in 设置
        session.data_changed.connect(self._data_changed)

        refresh = QAction(
            self.tr("Refresh board"),
            self,
            shortcut=QKeySequence(QKeySequence.StandardKey.Refresh),
            shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            triggered=self.reload,
        )
        self.addAction(refresh)
        # Polls only while the board is on screen: a hidden tab or a closed window costs no queries.
        self.poll_timer = QTimer(self, interval=SHARED_TICK_MS if session.db_url else POLL_MS, timeout=self.poll)
        self._was_hidden = False  # shown straight after loading: nothing to catch up with
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self._was_hidden:
            self.poll()  # catch up with what changed while hidden
        self.poll_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 — Qt's name
        self.poll_timer.stop()
        self._was_hidden = True
        super().hideEvent(event)

    @staticmethod
    def _scroller(strip: QWidget) -> QScrollArea:
        """Columns keep a readable width; a narrow window (or 150 % scaling) scrolls sideways."""
        area = QScrollArea()
        area.setWidget(strip)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return area

    # --- filters -----------------------------------------------------------------------

    def _load_filters(self) -> BoardFilters:
        try:
            return board_prefs.load_filters(self.session.user)
        except DomainError:
            return BoardFilters()

    def set_filters(self, filters: BoardFilters) -> None:
        """Apply the filters at once, and remember them (per user) off the GUI thread."""
        self.filters = board_prefs.clean(asdict(filters))
        self.reload()
        user, chosen = self.session.user, self.filters
        write_op(self, None, lambda: board_prefs.save_filters(user, chosen)).background().failure(
            lambda error: self.show_message(error_text(error))
        ).run()

    # --- rows --------------------------------------------------------------------------

    def poll(self) -> None:
        """Reload when the database changed (another window or desk); else move "time left" and
        the overdue counts on."""
        if not any(column.cards.dragging for column in self.columns.values()):
            self._refresh(full=False)

    def reload(self) -> None:
        self._refresh(full=True)

    def _data_changed(self) -> None:
        """A change made at this desk: reload if the board is on screen. A hidden board (another
        tab in front) is not read and laid out again for each change: showing it catches up."""
        if self.isVisible():
            self.reload()
        else:
            self._was_hidden = True  # the change marker has moved: showing it reloads

    def _refresh(self, *, full: bool) -> None:
        """Read the change marker, the counts and (if needed) the cards off the GUI thread; one
        read at a time — a request made meanwhile runs when it ends, with the filters of then."""
        if self.session.user is None:
            return
        if full or self._wanted is None:
            self._wanted = "full" if full else "poll"
        if self._reading:
            return
        full, self._wanted = self._wanted == "full", None
        filters, user, known, now = self.filters, self.session.user, None if full else self._version, clock.now()
        loaded = {stage: self.model.rowCount(self.model.stage_index(stage)) for stage in STAGE_CODES}
        target = self._select_after

        def read() -> tuple:
            version = data_version()
            if version == known:
                return version, None, board_counts(filters, now, user=user)
            pages, counts = board_snapshot(filters, now, user=user, loaded=loaded)
            if target is not None:  # a card just moved: its new column is read down to it
                case_id, stage = target
                while all(row.id != case_id for row in pages[stage]) and len(pages[stage]) < counts[stage][0]:
                    more = board_page(filters, now, stage, offset=len(pages[stage]), user=user)
                    if not more:
                        break
                    pages[stage] += more
            return version, pages, counts

        self._reading = True
        read_op(self, read).background().success(lambda result: self._show(now, target, *result)).failure(
            lambda _error: self._unreadable()
        ).ended(self._read_ended).run()

    def _read_ended(self) -> None:
        self._reading = False
        if self._pages_wanted:
            self._read_page(self._pages_wanted.pop(0))
        elif self._wanted is not None:
            self._refresh(full=self._wanted == "full")

    def _show(self, now, target: tuple[int, str] | None, version, pages, counts) -> None:
        if self._wanted == "full":
            return  # the filters changed or data was written meanwhile: the next read is the one to show
        self._version = version
        if pages is None:
            self.model.set_counts(counts)
            self.model.set_now(now)
        else:
            places = {stage: column.cards.place() for stage, column in self.columns.items()}
            self._applying = True
            try:
                moved = self.model.set_board(pages, counts, now, self._want_page)
            finally:
                self._applying = False
            for stage in moved:
                self.columns[stage].cards.keep_place(places[stage])
            self._reselect()
            if self._select_after is not None:
                if self.select_case(self._select_after[0]) or self._select_after == target:
                    self._select_after = None  # selected, or its column was read down and it is not there
                else:  # asked for after this read began: the next one reads its column down to it
                    self.reload()
        self._update_headers()
        self.refreshed.emit()

    def _want_page(self, stage: str) -> None:
        """A column scrolled to its end asks for its next cards (the model asks once until they come)."""
        self._pages_wanted.append(stage)
        if not self._reading:
            self._read_page(self._pages_wanted.pop(0))

    def _read_page(self, stage: str) -> None:
        filters, user, now = self.filters, self.session.user, self.model.now
        offset = self.model.rowCount(self.model.stage_index(stage))

        def failed() -> None:
            self._unreadable()
            self.model.add_page(stage, [])

        self._reading = True
        read_op(self, lambda: board_page(filters, now, stage, offset=offset, user=user)).background().success(
            lambda rows: self._show_page(stage, rows)
        ).failure(lambda _error: failed()).ended(self._read_ended).run()

    def _show_page(self, stage: str, rows: list[CaseRow]) -> None:
        cards = self.columns[stage].cards
        place = cards.place()
        self.model.add_page(stage, rows)
        cards.keep_place(place)
        self.columns[stage].update_header()

    def _unreadable(self) -> None:
        """Server restart, restore in progress, damaged file: the cards read last stay; the next tick tries again."""
        self.show_message(self.tr("The database cannot be read just now; the board shows the last cases read."))

    def _reselect(self) -> None:
        """After a reload: the card selected before is the one selected, in its new column if it moved,
        and no other (a card leaving a column makes Qt select its neighbour; that is undone)."""
        index = self.model.case_index(self._selected_id) if self._selected_id is not None else QModelIndex()
        row = self.model.row_at(index)
        for stage, column in self.columns.items():
            selection = column.cards.selectionModel()
            if row is not None and stage == row.stage:
                if selection.selectedIndexes() != [index]:
                    self.select_case(row.id, scroll_to=False)
            elif selection.hasSelection():
                selection.clearSelection()

    def _update_headers(self) -> None:
        for column in self.columns.values():
            column.update_header()

    # --- selection ---------------------------------------------------------------------

    def _selection_changed(self, cards: CardList) -> None:
        """The card shown selected is the board's selection, the one every shortcut and menu acts
        on: one column at a time holds it. A view's current index alone (Qt sets one when a column
        gets the focus back after a dialog) selects nothing."""
        row = None if self._applying else self._shown_selected(cards)
        if row is None:
            return
        self._selected_id = row.id  # remembered to select it again after a reload
        for column in self.columns.values():
            if column.cards is not cards:
                column.cards.selectionModel().clearSelection()

    def _shown_selected(self, cards: CardList) -> CaseRow | None:
        selected = cards.selectionModel().selectedIndexes()
        return self.model.row_at(selected[0]) if selected else None

    def selected_row(self) -> CaseRow | None:
        """The card shown selected, or None when no card is."""
        for column in self.columns.values():
            row = self._shown_selected(column.cards)
            if row is not None:
                return row
        return None

    def select_case(self, case_id: int, *, scroll_to: bool = True) -> bool:
        """Select a case's card among the cards loaded; False when it is not there."""
        index = self.model.case_index(case_id)
        row = self.model.row_at(index)
        if row is None:
            return False
        cards = self.columns[row.stage].cards
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        cards.selectionModel().setCurrentIndex(index, flags)
        if scroll_to:
            if cards.visualRect(index).isEmpty():  # not placed yet by the batched layout
                cards.layout_now()
            cards.scrollTo(index)
        # The focus follows the card, also while a move's dialog has it: when the window is active
        # again, the keys go to the selected card's column, not to the column the card left.
        focused = self.window().focusWidget()
        if focused is not None and (focused is self or self.isAncestorOf(focused)):
            cards.setFocus()
        return True

    def select_after_reload(self, case_id: int, stage: str) -> None:
        """Select a card once the reload that follows its move shows it in ``stage``'s column
        (that reload reads the column down to the card)."""
        self._selected_id = case_id
        self._select_after = (case_id, stage)

    def _step_column(self, stage: str, step: int) -> None:
        i = STAGE_CODES.index(stage) + step
        while 0 <= i < len(STAGE_CODES):
            cards = self.columns[STAGE_CODES[i]].cards
            if self.model.rowCount(cards.rootIndex()):
                cards.setFocus()
                current = cards.currentIndex()
                if not current.isValid():
                    current = self.model.index(0, 0, cards.rootIndex())
                cards.selectionModel().setCurrentIndex(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                return
            i += step

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.actions.open_case(row)

    # --- moves and messages ------------------------------------------------------------

    def request_move(self, row: CaseRow, target: str) -> None:
        """Ask the core to move ``row``'s case to ``target``; the board follows the database."""
        self.actions.move(row, target)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._message_timer.start()

    def message_text(self) -> str:
        """The reason shown for the last refused action ('' once it is hidden)."""
        return "" if self.message.isHidden() else self.message.text()
