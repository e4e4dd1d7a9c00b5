"""The case view (案件): one window per case with its fields, the actions of its stage, the
timeline, attachments and notes. Opening a case that is already open raises its window.

The window opens at once and says it is reading; one read op brings everything it shows
(:func:`studio_desk.services.case_view.case_view`), so the GUI thread never waits on the other
desk's lock. It reads again the same way after a save or any change (``session.changed()``);
an answer older than the newest read asked for is dropped. Nothing can be saved or acted on
before the case has arrived.

Edits are saved with the version the window loaded; if someone else saved meanwhile the
core refuses (StaleEdit), the user is told and the window reloads — nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock
from studio_desk.deadlines import describe_time_left
from studio_desk.errors import DomainError, NotFound, StaleEdit
from studio_desk.models import Complaint, User
from studio_desk.services.case_view import CaseView, case_view
from studio_desk.services.cases import update_case
from ui.case.action_bar import CaseAction, available_actions
from ui.case.attachments_view import AttachmentsPanel
from ui.case.field_inputs import field_label
from ui.case.fields_panel import CaseFieldsPanel
from ui.case.inputs import vocab_label
from ui.case.notes import NoteBox
from ui.case.timeline import TimelineDelegate, TimelineModel
from ui.intake.side_panel import SEVERITY_COLORS
from ui.ops import error_text, read_op, show_error, write_op
from ui.plain import inform, plain_label, warn
from ui.session import Session
from ui.style import ERROR_COLOR, MUTED_COLOR

_open_windows: dict[int, CaseWindow] = {}
TIME_COLORS = {"overdue": ERROR_COLOR, "soon": "#b9770e", "ok": MUTED_COLOR, "none": MUTED_COLOR}


class CaseWindow(QMainWindow):
    def __init__(self, session: Session, case_id: int, parent: QWidget | None = None, case_no: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.case_id = case_id
        self.view: CaseView | None = None  # the case as last read: what the window shows
        self.case: Complaint | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self._deleting = False
        self._asked = 0  # the newest read asked for; an older answer is dropped
        self._reading = 0  # reads still on their way
        self._problem = ""  # why the last read failed (the database could not be reached)
        self.case_no = QLabel(case_no)
        font = self.case_no.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.case_no.setFont(font)
        self.case_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.customer_name = plain_label()  # typed by the front desk: shown as typed
        self.customer_name.setFont(font)
        self.badges = QLabel()
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {MUTED_COLOR}")
        self.actions_row = QHBoxLayout()
        self.fields = CaseFieldsPanel()
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.save_button.setAutoDefault(False)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Refresh, self).activated.connect(self.reload)
        self.timeline = TimelineModel(self)
        self.timeline_view = self._timeline_view()
        self.notes = NoteBox(session)
        self.attachments = AttachmentsPanel(session)
        self.attachments.added.connect(self._after_change)
        self.notes.added.connect(self._after_change)
        self.tabs = QTabWidget()
        timeline_page = QWidget()
        timeline_layout = QVBoxLayout(timeline_page)
        timeline_layout.addWidget(self.timeline_view, 1)
        timeline_layout.addWidget(self.notes)
        self.tabs.addTab(timeline_page, self.tr("Timeline"))
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        self.body = self._body()
        self.body.setEnabled(False)  # until the case has arrived
        self.setCentralWidget(self._layout())
        self.setWindowTitle(self.tr("Case %1").replace("%1", case_no) if case_no else self.tr("Case"))
        self.resize(1240, 780)
        session.data_changed.connect(self._on_data_changed)
        session.user_changed.connect(self._on_user_changed)
        self.reload()

    def _timeline_view(self) -> QListView:
        view = QListView()
        view.setModel(self.timeline)
        view.setItemDelegate(TimelineDelegate(view))
        view.setWordWrap(True)
        view.setUniformItemSizes(False)
        view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        return view

    def _body(self) -> QSplitter:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.fields, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        left_layout.addLayout(save_row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setSizes([660, 560])
        return splitter

    def _layout(self) -> QWidget:
        header = QHBoxLayout()
        header.addWidget(self.case_no)
        header.addWidget(self.customer_name)
        header.addWidget(self.badges, 1)
        header.addWidget(self.status)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.body, 1)
        return page

    # --- loading ----------------------------------------------------------------------------

    def open_related(self, case_id: int) -> None:
        """Open another case (the 二次投诉 a follow-up just opened) beside this one."""
        open_case(self.session, case_id, self)

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the case as it is in the database now, off the GUI thread, and show it (discarding
        unsaved edits); ``then`` runs after it is shown."""
        user, case_id = self.session.user, self.case_id
        if user is None:
            self.close()
            return
        self._asked += 1
        asked = self._asked
        self._reading += 1
        self._show_reading()
        read_op(self, lambda: _read(user, case_id)).background().success(
            lambda view: self._arrived(asked, view, then)
        ).failure(lambda error: self._read_failed(asked, error)).ended(self._read_ended).run()

    def _show_reading(self) -> None:
        """Save waits for the read: it would send the version of what is being replaced."""
        reading = self._reading > 0
        self.status.setText(self.tr("Reading…") if reading else self._problem)
        self.save_button.setEnabled(not reading and self.view is not None)

    def _read_ended(self) -> None:
        if shiboken6.isValid(self):  # called even when the window was closed and deleted meanwhile
            self._reading -= 1
            self._show_reading()

    def _current(self, asked: int) -> bool:
        """Whether the answer to read ``asked`` is to be shown: the newest, to a window still open."""
        return asked == self._asked and _open_windows.get(self.case_id) is self

    def _arrived(self, asked: int, view: CaseView | NotFound, then: Callable[[], None] | None) -> None:
        if not self._current(asked):
            return
        if isinstance(view, NotFound):  # deleted: here (nothing to say) or at another desk (say so)
            if not self._deleting:
                inform(self, self.tr("Case"), view.message)
            self.close()
            return
        if self.session.user is None:
            self.close()
            return
        self._show(view)
        if then is not None:
            then()

    def _read_failed(self, asked: int, error: Exception) -> None:
        if self._current(asked):  # shown once no read is left on its way
            self._problem = self.tr("Could not read the case: %1 (F5 tries again)").replace("%1", error_text(error))

    def _show(self, view: CaseView) -> None:
        """Show ``view``; reads nothing (all of it came with the read)."""
        user = self.session.user
        self.view, self.case, self._problem = view, view.case, ""
        case = view.case
        self.setWindowTitle(self.tr("Case %1 — %2").replace("%1", case.case_no).replace("%2", case.customer.name))
        self.case_no.setText(case.case_no)
        self.customer_name.setText(case.customer.name)
        self._show_badges(case)
        self.fields.show_case(view, user.role)
        self.save_button.setVisible(any(not field.read_only for field in self.fields.inputs.values()))
        self.timeline.set_events(view.events, view)
        self.attachments.show_case(case)  # reads its files and thumbnails itself, off the GUI thread
        self.notes.show_case(case)
        self._show_actions(available_actions(user.role, case.stage))
        self.body.setEnabled(True)

    def _show_badges(self, case: Complaint) -> None:
        left, state = describe_time_left(case.next_due, clock.now())
        parts = [f"<span style='font-size:large'>{vocab_label('stage', case.stage)}</span>",
                 f"<span style='color:{SEVERITY_COLORS.get(case.severity, MUTED_COLOR)}'>"
                 f"{vocab_label('severity', case.severity)}</span>"]
        if case.is_repeat:
            previous = case.previous_case.case_no if case.previous_case else ""
            repeat = self.tr("Repeat complaint")
            parts.append(f"<span style='color:{ERROR_COLOR}'>{repeat} {previous}</span>")
        if case.history_import:
            history = self.tr("Imported history")
            parts.append(f"<span style='color:{MUTED_COLOR}'>{history}</span>")
        if left:
            parts.append(f"<span style='color:{TIME_COLORS[state]}'>{left}</span>")
        self.badges.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts))

    def _show_actions(self, actions: list[CaseAction]) -> None:
        while self.actions_row.count():
            item = self.actions_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.action_buttons = {}
        for action in actions:
            button = QPushButton(action.text)
            button.setAutoDefault(False)
            button.setObjectName(f"action_{action.key}")
            button.clicked.connect(lambda _c=False, a=action: self.run_action(a))
            self.actions_row.addWidget(button)
            self.action_buttons[action.key] = button
        self.actions_row.addStretch(1)

    # --- changing ---------------------------------------------------------------------------

    def run_action(self, action: CaseAction) -> object:
        """Open the action's dialog; after it the window shows the case as it is now."""
        if self.view is None:
            return None
        if self.fields.changes():
            if not self._confirm_discard():
                return None
            self._show(self.view)  # the edits discarded: the case as last read
        self._deleting = action.key == "delete"
        try:
            result = action.run(self.session, self.view, self)
        except DomainError as error:  # a refusal no dialog can fix: no right, or changed meanwhile
            warn(self, action.text.rstrip("…"), error.message)
            if isinstance(error, StaleEdit):
                self.reload()
            return None
        finally:
            self._deleting = False
        if action.key == "delete" and result:
            self.close()
        return result

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(self, self.tr("Unsaved changes"),
                                      self.tr("Your changes to the fields are not saved yet. Continue and "
                                              "discard them?"))
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> None:
        """Save the edited fields with the loaded version, off the GUI thread; a stale edit is
        refused, told and reloaded; a refused field is shown at the field."""
        changes = self.fields.changes()
        if not changes or self.case is None or self._reading:
            return
        user, case_id, version = self.session.user, self.case.id, self.case.version
        write_op(self, self.session, lambda: update_case(user, case_id, version, changes)).disables(
            self.save_button
        ).success(lambda _updated: self.reload()).failure(lambda error: self._save_refused(error, changes)).run()

    def _save_refused(self, error: Exception, changes: dict) -> None:
        if isinstance(error, StaleEdit):  # the core's words say to reopen the case; here it is reloaded
            before = dict(self.fields.loaded)
            self.reload(then=lambda: self._tell_stale(before, changes))
        elif isinstance(error, DomainError):
            self.fields.errors.show(error)
        else:
            show_error(self, error)

    def _tell_stale(self, before: dict, changes: dict) -> None:
        """After a refused save, once the case as the other desk left it has arrived: the user's
        own typing is put back on top (so Save sends it with the new version), and told."""
        theirs = self._keep_typing(before, changes)
        text = self.tr("Case %1 was changed by someone else meanwhile; your changes are not saved yet.").replace(
            "%1", self.case.case_no)
        if theirs:
            text += "\n\n" + self.tr("Changed at the other desk: %1").replace("%1", "；".join(theirs))
        text += "\n\n" + self.tr("What you typed is still here: check it and save again.")
        warn(self, self.tr("Case changed meanwhile"), text)

    def _keep_typing(self, before: dict, changes: dict) -> list[str]:
        """Put ``changes`` back into the fields; returns what the other desk changed."""
        after = self.fields.loaded
        theirs = []
        for name in after:
            if after[name] != before.get(name):
                shown = _shown(self.fields.inputs[name].widget)
                item = f"{field_label(name)}：{shown}" if shown else field_label(name)
                theirs.append(item + ("（" + self.tr("you changed it too") + "）" if name in changes else ""))
        for name, value in changes.items():
            self.fields.inputs[name].set(value)
        return theirs

    def _after_change(self) -> None:
        self.session.changed()

    def _on_data_changed(self) -> None:
        """Someone changed data: show it, unless the user is editing (then Save decides)."""
        if not self.fields.changes():
            self.reload()

    def _on_user_changed(self, user) -> None:
        if user is None:
            self.close()
        else:
            self.reload()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if _open_windows.get(self.case_id) is self:
            del _open_windows[self.case_id]
            self.session.data_changed.disconnect(self._on_data_changed)
            self.session.user_changed.disconnect(self._on_user_changed)
        super().closeEvent(event)


def _read(user: User, case_id: int) -> CaseView | NotFound:
    """Off the GUI thread. A case deleted meanwhile is an answer, not an error: the window says so
    if it is still open, and nobody is bothered if it was closed."""
    try:
        return case_view(user, case_id)
    except NotFound as gone:
        return gone


def _shown(widget: QWidget) -> str:
    """What an input shows, shortened, for telling the user what someone else changed."""
    if isinstance(widget, QCheckBox):
        text = "✓" if widget.isChecked() else "✗"
    else:
        read = next((getattr(widget, name) for name in ("currentText", "toPlainText", "text") if hasattr(widget, name)),
                    None)
        text = read() if read is not None else ""
    return text if len(text) <= 40 else text[:40] + "…"


def open_case(session: Session, case_id: int, parent: QWidget | None = None, case_no: str = "") -> CaseWindow:
    """Open the case view for ``case_id`` (titled ``case_no`` while it reads), or bring its open
    window to the front. When there is no such case the window says so and closes."""
    window = _open_windows.get(case_id)
    if window is None:
        window = CaseWindow(session, case_id, parent, case_no)
        _open_windows[case_id] = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window
