"""The case view (案件): one window per case with its fields, the actions of its stage, the
timeline, attachments and notes. Opening a case that is already open raises its window.

Edits are saved with the version the window loaded; if someone else saved meanwhile the
core refuses (StaleEdit), the user is told and the window reloads — nothing is overwritten.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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
from studio_desk.models import Complaint
from studio_desk.services.cases import update_case
from studio_desk.services.common import load_case
from studio_desk.services.lookup import case_events
from ui.case.action_bar import CaseAction, available_actions
from ui.case.attachments_view import AttachmentsPanel
from ui.case.field_inputs import field_label
from ui.case.fields_panel import CaseFieldsPanel
from ui.case.inputs import vocab_label
from ui.case.notes import NoteBox
from ui.case.timeline import TimelineDelegate, TimelineModel
from ui.intake.side_panel import SEVERITY_COLORS
from ui.ops import show_error, write_op
from ui.plain import inform, plain_label, warn
from ui.session import Session
from ui.style import ERROR_COLOR, MUTED_COLOR

_open_windows: dict[int, CaseWindow] = {}
TIME_COLORS = {"overdue": ERROR_COLOR, "soon": "#b9770e", "ok": MUTED_COLOR, "none": MUTED_COLOR}


class CaseWindow(QMainWindow):
    def __init__(self, session: Session, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.case_id = case_id
        self.case: Complaint | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self._deleting = False
        self.case_no = QLabel()
        font = self.case_no.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.case_no.setFont(font)
        self.case_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.customer_name = plain_label()  # typed by the front desk: shown as typed
        self.customer_name.setFont(font)
        self.badges = QLabel()
        self.actions_row = QHBoxLayout()
        self.fields = CaseFieldsPanel()
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.save_button.setAutoDefault(False)
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
        self.setCentralWidget(self._layout())
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

    def _layout(self) -> QWidget:
        header = QHBoxLayout()
        header.addWidget(self.case_no)
        header.addWidget(self.customer_name)
        header.addWidget(self.badges, 1)
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
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addLayout(self.actions_row)
        layout.addWidget(splitter, 1)
        return page

    # --- loading ----------------------------------------------------------------------------

    def open_related(self, case_id: int) -> None:
        """Open another case (the 二次投诉 a follow-up just opened) beside this one."""
        open_case(self.session, case_id, self)

    def reload(self) -> None:
        """Show the case as it is in the database now (discarding unsaved edits)."""
        user = self.session.user
        if user is None:
            self.close()
            return
        try:
            self.case = load_case(self.case_id)
        except NotFound as error:  # deleted: here (nothing to say) or at another desk (say so)
            if not self._deleting:
                inform(self, self.tr("Case"), error.message)
            self.close()
            return
        case = self.case
        self.setWindowTitle(self.tr("Case %1 — %2").replace("%1", case.case_no).replace("%2", case.customer.name))
        self.case_no.setText(case.case_no)
        self.customer_name.setText(case.customer.name)
        self._show_badges(case)
        self.fields.show_case(case, user.role)
        self.save_button.setVisible(any(not field.read_only for field in self.fields.inputs.values()))
        self.timeline.set_events(case_events(user, case.id))
        self.attachments.show_case(case)
        self.notes.show_case(case)
        self._show_actions(available_actions(user.role, case.stage))

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
        if self.fields.changes():
            if not self._confirm_discard():
                return None
            self.reload()
        self._deleting = action.key == "delete"
        try:
            result = action.run(self.session, self.case, self)
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
        if not changes or self.case is None:
            return
        user, case_id, version = self.session.user, self.case.id, self.case.version
        write_op(self, self.session, lambda: update_case(user, case_id, version, changes)).disables(
            self.save_button
        ).success(lambda _updated: self.reload()).failure(lambda error: self._save_refused(error, changes)).run()

    def _save_refused(self, error: Exception, changes: dict) -> None:
        if isinstance(error, StaleEdit):  # the core's words say to reopen the case; here it is reloaded
            theirs = self._reload_keeping(changes)
            text = self.tr("Case %1 was changed by someone else meanwhile; your changes are not saved yet.").replace(
                "%1", self.case.case_no)
            if theirs:
                text += "\n\n" + self.tr("Changed at the other desk: %1").replace("%1", "；".join(theirs))
            text += "\n\n" + self.tr("What you typed is still here: check it and save again.")
            warn(self, self.tr("Case changed meanwhile"), text)
        elif isinstance(error, DomainError):
            self.fields.errors.show(error)
        else:
            show_error(self, error)

    def _reload_keeping(self, changes: dict) -> list[str]:
        """After a refused save: the case as the other desk left it, with the user's own typing put
        back on top (so Save sends it with the new version). Returns what the other desk changed."""
        before = dict(self.fields.loaded)
        self.reload()
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
        if user is None or self.case is None:
            self.close()
        else:
            self.reload()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if _open_windows.get(self.case_id) is self:
            del _open_windows[self.case_id]
            self.session.data_changed.disconnect(self._on_data_changed)
            self.session.user_changed.disconnect(self._on_user_changed)
        super().closeEvent(event)


def _shown(widget: QWidget) -> str:
    """What an input shows, shortened, for telling the user what someone else changed."""
    if isinstance(widget, QCheckBox):
        text = "✓" if widget.isChecked() else "✗"
    else:
        read = next((getattr(widget, name) for name in ("currentText", "toPlainText", "text") if hasattr(widget, name)),
                    None)
        text = read() if read is not None else ""
    return text if len(text) <= 40 else text[:40] + "…"


def open_case(session: Session, case_id: int, parent: QWidget | None = None) -> CaseWindow | None:
    """Open the case view for ``case_id``, or bring its open window to the front (None: no such case)."""
    window = _open_windows.get(case_id)
    if window is None:
        try:
            load_case(case_id)
        except NotFound as error:
            inform(parent, QCoreApplication.translate("CaseWindow", "Case"), error.message)
            return None
        window = CaseWindow(session, case_id, parent)
        _open_windows[case_id] = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window
