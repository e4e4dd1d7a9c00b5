"""The 登记 tab: register a walk-in or phone complaint in under a minute, by keyboard alone.

While the receptionist types, the customer is looked up by phone and the severity is
suggested live (both from the core). Save (Ctrl+S) registers exactly one case even on a
double click; the draft is autosaved every few seconds and offered back after a crash.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock, drafts
from studio_desk.errors import DomainError
from studio_desk.models import Complaint, User
from studio_desk.services.intake import (
    CustomerHistory,
    customer_history,
    default_promised_reply,
    register_complaint,
    suggest_severity,
)
from studio_desk.validation import normalise_phone
from ui.forms import set_message
from ui.intake.done import DonePage
from ui.intake.entry import IntakeEntry
from ui.intake.side_panel import CustomerPanel, SeverityPanel
from ui.ops import read_op, write_op
from ui.plain import plain_label
from ui.session import Session
from ui.style import MUTED_COLOR, WARNING_COLOR

AUTOSAVE_MS = 3000
TYPING_PAUSE_MS = 250


class IntakeForm(QWidget):
    """The whole tab; ``saved_case`` is the case the last Save created (None while typing)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.saved_case: Complaint | None = None
        self.slip_preview: QWidget | None = None  # the last 回执 shown
        self.history = CustomerHistory()
        self._saving = False
        self._edited = False
        self._draft_path: Path | None = None  # where the complaint being typed is autosaved
        self._offered: drafts.Draft | None = None  # the earlier draft the banner offers back
        self._autofilled_name = ""
        self._suggestions = 0  # the newest severity suggestion asked for; older answers are dropped
        self._user: User | None = None
        self.entry = IntakeEntry()
        self.customer_panel = CustomerPanel()
        self.severity_panel = SeverityPanel()
        self.save_button = QPushButton(self.tr("&Save complaint  (Ctrl+S)"))
        self.save_button.setAutoDefault(False)
        self.save_button.setMinimumHeight(40)
        self.autosave_status = plain_label()
        self.autosave_status.setStyleSheet(f"color: {MUTED_COLOR};")
        self.done_page = DonePage()
        self.banner, self.banner_text = self._make_banner()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._entry_page())
        self.stack.addWidget(self.done_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.lookup_timer = self._single_shot(self.refresh_lookup)
        self.severity_timer = self._single_shot(self.refresh_severity)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self._connect()
        self._on_user(session.user)

    def _single_shot(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(TYPING_PAUSE_MS)
        timer.timeout.connect(slot)
        return timer

    def _make_banner(self) -> tuple[QFrame, QLabel]:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setStyleSheet(f"QFrame {{ border: 1px solid {WARNING_COLOR}; background: #fff8e6; }}"
                             " QLabel, QPushButton { border: none; }")
        text = plain_label()
        text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore draft"))
        self.discard_button = QPushButton(self.tr("&Discard draft"))
        row = QHBoxLayout(banner)
        row.addWidget(text, 1)
        for button in (self.restore_button, self.discard_button):
            button.setAutoDefault(False)
            button.setStyleSheet("")
            row.addWidget(button)
        banner.hide()
        return banner, text

    def _entry_page(self) -> QWidget:
        page = QWidget()
        side = QVBoxLayout()
        side.addWidget(self.severity_panel)
        side.addWidget(self.customer_panel, 1)
        side.addWidget(self.entry.errors.general)
        side.addWidget(self.save_button)
        side.addWidget(self.autosave_status)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.entry, 3)
        row.addLayout(side, 2)
        QWidget.setTabOrder(self.entry.promised, self.save_button)
        return page

    def _connect(self) -> None:
        self.entry.edited.connect(self._on_edited)
        self.entry.phone_edited.connect(lambda _text: self.lookup_timer.start())
        self.save_button.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_draft)
        self.done_page.print_requested.connect(self.print_slip)
        self.done_page.open_requested.connect(self.open_saved_case)
        self.done_page.next_requested.connect(self.new_complaint)
        self.session.user_changed.connect(self._on_user)
        self.session.data_changed.connect(self._on_data_changed)

    # --- live help while typing -------------------------------------------------------------

    def _on_edited(self) -> None:
        self._edited = True
        self.severity_timer.start()

    def refresh_lookup(self) -> None:
        """Look the customer up by phone, off the GUI thread: name, VIP, orders, earlier complaints,
        repeat. An answer for a number no longer in the field (typed on meanwhile) is dropped:
        the number now there has its own lookup on the way."""
        phone = self.entry.phone.text()
        if normalise_phone(phone) is None:
            self._show_history(phone, CustomerHistory(), valid=False)
            return
        read_op(self, lambda: customer_history(phone)).background().success(
            lambda history: self._history_arrived(phone, history)
        ).failure(lambda _error: None).run()  # a lookup that fails shows nothing; Save tells why

    def _history_arrived(self, phone: str, history: CustomerHistory) -> None:
        if phone == self.entry.phone.text():
            self._show_history(phone, history, valid=True)

    def _show_history(self, phone: str, history: CustomerHistory, *, valid: bool) -> None:
        self.history = history
        self.customer_panel.show_history(self.history if phone.strip() else None, valid)
        customer = self.history.customer
        self.entry.set_order_numbers(self.history.order_numbers)
        name = self.entry.customer_name.text()
        if customer is not None and (not name.strip() or name == self._autofilled_name):
            self.entry.customer_name.setText(customer.name)
            self._autofilled_name = customer.name
            self.entry.vip.setChecked(customer.vip or self.entry.vip.isChecked())
        self.refresh_severity()

    def refresh_severity(self) -> None:
        """The suggestion for the facts typed so far, and the promised reply time it implies; read
        off the GUI thread (the hot-spot count and the working calendar). Only the answer for the
        newest facts is shown."""
        if self.session.user is None:
            return
        self.entry.set_received_now(clock.now())
        data, history = self.entry.collect(), self.history
        self._suggestions += 1
        asked = self._suggestions
        read_op(self, lambda: _suggestion(data, history)).background().success(
            lambda answer: self._suggested(asked, *answer)
        ).failure(lambda _error: None).run()  # no suggestion shown; Save says what is wrong

    def _suggested(self, asked: int, level: str, reasons: list[str], promised: datetime) -> None:
        if asked != self._suggestions:
            return
        self.severity_panel.show_suggestion(level, reasons)
        if not self.entry.promised_set_by_user:
            self.entry.set_promised(promised, by_user=False)

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        """Register the complaint once, off the GUI thread (the other desk may hold the write lock):
        Save is disabled and a second Ctrl+S or click ignored until the answer; a refusal is shown
        at its field with the typing kept, a success shows the done page."""
        if self._saving or self.saved_case is not None or self.stack.currentWidget() is not self.stack.widget(0):
            return
        self._saving = True
        user, values = self.session.user, self.entry.collect()
        if user is not None and self._draft_path is None:
            # Named now: a sign-out while the save runs keeps the typing in this file, which the
            # success then discards (no draft of a registered case is offered back).
            self._draft_path = drafts.new_intake_path(user)
        draft = self._draft_path
        write_op(self, self.session, lambda: register_complaint(user, values)).disables(self.save_button).success(
            lambda case: self._saved(case, user, draft)
        ).failure(lambda error: self._refused(error, user)).ended(self._save_ended).run()

    def _saved(self, case: Complaint, user: User | None, draft: Path | None) -> None:
        self._discard_quietly(draft)  # this complaint's draft only: an offered one stays offered
        if self.session.user is not user:  # signed out meanwhile: the screen was cleared, the case stands
            return
        self.saved_case = case
        self._edited = False
        self._draft_path = None
        self.done_page.show_case(case)
        self.stack.setCurrentWidget(self.done_page)

    def _refused(self, error: Exception, user: User | None) -> None:
        if self.session.user is user:  # after a sign-out the form is blank: the typing is in its draft
            self.entry.errors.show_failure(error)

    def _save_ended(self) -> None:
        self._saving = False

    def new_complaint(self) -> None:
        """Blank form for the next customer (also the desk's "new complaint" shortcut)."""
        if self.saved_case is None and not self.entry.is_blank():
            self.stack.setCurrentIndex(0)
            self.entry.channel.setFocus()
            return
        self._clear_form()
        self.entry.channel.setFocus()

    def _clear_form(self) -> None:
        if self.saved_case is None and self.entry.is_blank():  # emptied by hand since the last autosave
            self._discard_quietly(self._draft_path)
        self.saved_case = None
        self._draft_path = None
        self.history = CustomerHistory()
        self._autofilled_name = ""
        self.entry.clear()
        self.customer_panel.show_history(None)
        self.refresh_severity()
        self._edited = False
        self.stack.setCurrentIndex(0)

    def print_slip(self) -> None:
        """The customer's 回执, made off the GUI thread and shown in the print preview."""
        if self.saved_case is not None:
            from ui.exports.printing import print_slip

            print_slip(
                self.session, self.saved_case.id, self, shown=self._slip_shown, button=self.done_page.print_button
            )

    def _slip_shown(self, preview: QWidget) -> None:
        self.slip_preview = preview

    def open_saved_case(self) -> None:
        if self.saved_case is not None:
            from ui.case.window import open_case

            open_case(self.session, self.saved_case.id, self.window())

    # --- drafts -----------------------------------------------------------------------------

    def autosave(self) -> None:
        """Write the draft if something changed since the last time (every few seconds), also while
        the banner still offers an earlier draft: that one stays in its own file."""
        user = self._user
        if user is None or not self._edited or self.saved_case is not None:
            return
        try:
            if self.entry.is_blank():
                if self._draft_path is not None:
                    drafts.discard(self._draft_path)
                self._draft_path = None
            else:
                self._draft_path = drafts.save(user, self.entry.to_draft(),
                                               self._draft_path or drafts.new_intake_path(user))
        except DomainError as error:
            set_message(self.autosave_status, error.message)
            return
        self._edited = False
        set_message(self.autosave_status, self.tr("Draft saved automatically at %1")
                    .replace("%1", clock.now().strftime("%H:%M:%S")))

    def offer_draft(self) -> bool:
        """Show the restore banner if the signed-in user left a draft (after a crash or sign-out)
        other than the complaint on screen; the newest first, the next after it is answered."""
        user = self.session.user
        waiting = [d for d in drafts.intake_drafts(user) if d.path != self._draft_path] if user is not None else []
        self._offered = waiting[0] if waiting else None
        if self._offered is not None:
            data = self._offered.data
            who = data.get("customer_name") or data.get("phone") or ""
            text = (self.tr("An unfinished complaint was saved as a draft at %1 (%2). Restore it?")
                    .replace("%1", self._offered.saved_at.strftime("%Y-%m-%d %H:%M")).replace("%2", str(who)[:40]))
            if len(waiting) > 1:
                text += " " + self.tr("(%1 more drafts after this one)").replace("%1", str(len(waiting) - 1))
            self.banner_text.setText(text)
        self.banner.setVisible(self._offered is not None)
        return self._offered is not None

    def restore_draft(self) -> None:
        """Put the offered draft on screen; what was being typed is kept as a draft, offered next."""
        offered = self._offered
        draft = drafts.read(offered.path) if offered is not None else None
        if draft is None:
            self.offer_draft()
            return
        if self.saved_case is None and not self.entry.is_blank():
            self._edited = True
            self.autosave()
            if self._edited:  # the disk refused: the typing stays on screen
                return
        self._clear_form()
        self.entry.from_draft(draft.data)
        self._draft_path = draft.path
        self.refresh_lookup()
        self._edited = False
        self.offer_draft()
        self.entry.phone.setFocus()

    def discard_draft(self) -> None:
        if self._offered is not None:
            self._discard_quietly(self._offered.path)
        self.offer_draft()

    def _discard_quietly(self, path: Path | None) -> None:
        if path is not None:
            try:
                drafts.discard(path)
            except DomainError as error:
                set_message(self.autosave_status, error.message)

    # --- session ----------------------------------------------------------------------------

    def _on_user(self, user: User | None) -> None:
        """Sign-out keeps the half-typed complaint as a draft and clears the screen (privacy)."""
        self.autosave_timer.stop()
        previous, self._user = self._user, user
        if previous is not None and self._edited and not self.entry.is_blank() and self.saved_case is None:
            try:
                drafts.save(previous, self.entry.to_draft(), self._draft_path or drafts.new_intake_path(previous))
            except DomainError as error:  # shown beside Save when someone signs in again
                set_message(self.autosave_status, error.message)
        self._draft_path = None
        self._offered = None
        if user is None:
            self.banner.hide()
            self.saved_case = None
            self.entry.clear()
            self.customer_panel.show_history(None)
            self.stack.setCurrentIndex(0)
            self._edited = False
            return
        self.entry.reload_categories()
        self.new_complaint()
        self.offer_draft()
        self.autosave_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_first)
        if self.saved_case is None and not self.entry.is_blank():  # the lookups dropped when it was hidden
            self.lookup_timer.start()
            self.severity_timer.start()

    def _focus_first(self) -> None:
        """Coming to the tab puts the cursor in the first field (or on 登记下一条 after a save)."""
        focus = self.focusWidget()
        if focus is None or not focus.isVisible():
            (self.entry.channel if self.stack.currentIndex() == 0 else self.done_page.next_button).setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        # A hidden (or closed) form looks nothing up: a lookup due later would read whatever
        # database is open then (in the tests, the next one while its tables are being made).
        self.lookup_timer.stop()
        self.severity_timer.stop()
        self.autosave()
        super().hideEvent(event)

    def _on_data_changed(self) -> None:
        if self.session.user is not None:
            self.entry.reload_categories()


def _suggestion(data: dict[str, Any], history: CustomerHistory) -> tuple[str, list[str], datetime]:
    """Off the GUI thread: the suggested severity, its reasons and the promised reply it implies."""
    level, reasons = suggest_severity(data, history)
    return level, reasons, default_promised_reply(data["received_at"] or clock.now(), level)
