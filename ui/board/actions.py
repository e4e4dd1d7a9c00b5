"""What can be done to a card on the board: open it, move it, assign it, add a note, print its
sheet — from the context menu, the keyboard (前移/后移) or a drop. Each is one core service
call; a refusal is shown on the board in the core's own words. The services and dialogs load
on first use: the board opens without them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from studio_desk.errors import DomainError
from studio_desk.search import BoardFilters, CaseRow
from studio_desk.services.catalog import list_entries, list_staff
from studio_desk.vocab import STAGE_CODES, label
from studio_desk.workflow import find_transition, neighbours
from ui.board.column import CardList
from ui.board.model import BoardModel
from ui.ops import error_text, write_op
from ui.session import Session


class Board(Protocol):
    """What the actions use of the board page (:class:`ui.board.view.BoardPage`, which owns them)."""

    session: Session
    model: BoardModel
    filters: BoardFilters

    def addAction(self, action: QAction) -> None: ...  # noqa: N802 — Qt's name
    def selected_row(self) -> CaseRow | None: ...
    def select_case(self, case_id: int, *, scroll_to: bool = True) -> bool: ...
    def select_after_reload(self, case_id: int, stage: str) -> None: ...
    def show_message(self, text: str) -> None: ...


class BoardActions(QObject):
    def __init__(self, page: Board) -> None:
        super().__init__(page)
        self.page = page
        self.forward = self._action(self.tr("Move forward (next stage)"), "Ctrl+Right", lambda: self.step(1))
        self.back = self._action(self.tr("Move back (previous stage)"), "Ctrl+Left", lambda: self.step(-1))
        self.note = self._action(self.tr("Add note…"), "Ctrl+Shift+M", lambda: self._with_selected(self.add_note))
        self.print = self._action(self.tr("Print case sheet"), "Ctrl+P", lambda: self._with_selected(self.print_sheet))
        self._closed_dialog = None

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.page)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.page.addAction(action)
        return action

    def _with_selected(self, fn: Callable[[CaseRow], None]) -> None:
        row = self.page.selected_row()
        if row is not None:
            fn(row)

    def _run(self, fn: Callable[[], object]) -> None:
        """Call a core service off the GUI thread; a refusal is shown on the board."""
        write_op(self.page, self.page.session, fn).failure(self._refused).run()

    def _refused(self, error: Exception) -> None:
        self.page.show_message(error_text(error))

    # --- moves -------------------------------------------------------------------------

    def step(self, direction: int) -> None:
        """前移/后移: the selected card to the next or previous column."""
        row = self.page.selected_row()
        if row is None:
            return
        target = neighbours(row.stage)[1 if direction > 0 else 0]
        if target is not None:
            self.move(row, target)

    def move(self, row: CaseRow, target: str) -> None:
        """Let the core move the case; missing information is asked for, a refusal is shown (the
        card springs back). After the move, the board's reload selects the card in its new column."""
        from ui.case.transitions import ask_and_move

        try:
            ask_and_move(
                self.page.session,
                row,
                target,
                self.page,
                refused=self._refused,
                moved=lambda _case: self.page.select_after_reload(row.id, target),
            )
        except DomainError as refusal:
            self._refused(refusal)

    # --- other actions -----------------------------------------------------------------

    def open_case(self, row: CaseRow) -> None:
        from ui.case.window import open_case

        open_case(self.page.session, row.id, self.page)

    def print_sheet(self, row: CaseRow) -> None:
        from ui.exports import print_case_sheet

        print_case_sheet(self.page.session, row.id, self.page)

    def assign(self, row: CaseRow, department_id: int | None, staff_id: int | None) -> None:
        from studio_desk.services.cases import update_case

        changes = {"department": department_id, "responsible_staff": staff_id}
        self._run(lambda: update_case(self.page.session.user, row.id, row.version, changes))

    def add_note(self, row: CaseRow) -> None:
        from PySide6.QtWidgets import QInputDialog

        from studio_desk.services.actions import add_note

        text, ok = QInputDialog.getMultiLineText(
            self.page, self.tr("Add note"), self.tr("Note for case %1:").replace("%1", row.case_no)
        )
        if ok:
            self._run(lambda: add_note(self.page.session.user, row.id, text))

    # --- menus -------------------------------------------------------------------------

    def context_menu(self, cards: CardList, pos: QPoint) -> None:
        index = cards.indexAt(pos)
        if not index.isValid():
            index = cards.currentIndex()
        row = self.page.model.row_at(index)
        if row is None:
            return
        self.page.select_case(row.id, scroll_to=False)
        self.build_menu(row).exec(cards.viewport().mapToGlobal(pos))

    def build_menu(self, row: CaseRow) -> QMenu:
        """The card's context menu: 打开, 移到…, 指派给…, 添加备注, 打印处理单, 前移/后移."""
        menu = QMenu(self.page)
        menu.addAction(self.tr("Open"), lambda: self.open_case(row))
        menu.addSeparator()
        menu.addAction(self.forward)
        menu.addAction(self.back)
        move_to = menu.addMenu(self.tr("Move to"))
        move_to.setObjectName("move_to_menu")
        for stage in STAGE_CODES:
            if find_transition(row.stage, stage) is not None:
                move_to.addAction(
                    label("stage", stage, self.page.model.lang), lambda s=stage: self.move(row, s)
                ).setData(stage)
        self._assign_menu(menu.addMenu(self.tr("Assign to")), row)
        menu.addSeparator()
        menu.addAction(self.note)
        menu.addAction(self.print)
        previous, following = neighbours(row.stage)
        self.forward.setEnabled(following is not None and find_transition(row.stage, following) is not None)
        self.back.setEnabled(previous is not None and find_transition(row.stage, previous) is not None)
        return menu

    def _assign_menu(self, menu: QMenu, row: CaseRow) -> None:
        menu.setObjectName("assign_menu")
        staff = list_staff(include_inactive=False)
        for department in list_entries("department", include_inactive=False):
            sub = menu.addMenu(department.name)
            sub.addAction(self.tr("Department only"), lambda d=department.id: self.assign(row, d, None))
            for person in (p for p in staff if p.department_id == department.id):
                sub.addAction(person.name, lambda d=department.id, p=person.id: self.assign(row, d, p)).setData(
                    person.id
                )
        for person in (p for p in staff if p.department_id is None):
            menu.addAction(person.name, lambda p=person.id: self.assign(row, None, p)).setData(person.id)

    def older_closed_link(self) -> QLabel:
        text = self.tr("Older closed cases…")
        link = QLabel(f"<a href='older'>{text}</a>")
        link.setObjectName("older_closed_link")
        link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        link.linkActivated.connect(lambda _href: self.show_older_closed())
        return link

    def show_older_closed(self) -> None:
        from ui.board.closed_list import ClosedCasesDialog

        if self._closed_dialog is not None:
            self._closed_dialog.close()
        self._closed_dialog = ClosedCasesDialog(self.page.session, self.page.filters, self.open_case, self.page)
        self._closed_dialog.show()
