"""The intake form's inputs, laid out top to bottom in the order the customer is asked.

Knows how to read itself into the dict :func:`studio_desk.services.intake.register_complaint`
takes, how to round-trip through a draft, and where each field's error message goes.
Every check and every rule stays in the core.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from studio_desk.services import catalog
from studio_desk.services.intake import INTAKE_FLAGS
from studio_desk.vocab import codes
from ui.case.inputs import CodeCombo, datetime_edit, long_text, to_qdatetime, vocab_combo, vocab_items
from ui.forms import FieldErrors
from ui.ops import read_op
from ui.style import MUTED_COLOR

TEXT_FIELDS = ("channel_detail", "phone", "wechat", "customer_name", "order_no")
LONG_FIELDS = ("description", "customer_wish")
COMBO_FIELDS = ("channel", "order_stage", "chain_step", "category_id")


class IntakeEntry(QWidget):
    """All inputs of one complaint. ``edited`` fires on every change the user makes."""

    edited = Signal()
    phone_edited = Signal(str)
    promised_edited = Signal()
    received_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._category_reads = 0  # the newest category list asked for; older answers are dropped
        self.errors = FieldErrors()
        choose = self.tr("(choose)")
        self.channel = vocab_combo("channel")
        self.channel_detail = QLineEdit(placeholderText=self.tr("e.g. WeChat, Dianping, Xiaohongshu"))
        self.phone = QLineEdit(placeholderText=self.tr("Mobile or landline with area code"))
        self.wechat = QLineEdit(placeholderText=self.tr("WeChat ID if there is no phone"))
        self.customer_name = QLineEdit()
        self.vip = QCheckBox(self.tr("VIP customer"))
        self.order_no = QLineEdit()
        self.order_completer = QCompleter(QStringListModel(self), self)
        self.order_no.setCompleter(self.order_completer)
        self.order_stage = vocab_combo("order_stage", choose)
        self.chain_step = vocab_combo("chain_step", choose)
        self.category_id = CodeCombo(blank=choose)
        self.description = long_text()
        self.description.setPlaceholderText(self.tr("What the customer says happened, in their own words"))
        self.customer_wish = long_text(90)
        self.customer_wish.setPlaceholderText(self.tr("What the customer would like the studio to do"))
        self.mood_buttons = QButtonGroup(self)
        mood_box = QWidget()
        mood_row = QHBoxLayout(mood_box)
        mood_row.setContentsMargins(0, 0, 0, 0)
        for i, (code, text) in enumerate(vocab_items("mood")):
            button = QRadioButton(text)
            button.setProperty("code", code)
            self.mood_buttons.addButton(button, i)
            mood_row.addWidget(button)
        mood_row.addStretch(1)
        mood_box.setFocusProxy(self.mood_buttons.button(0))
        self.group_size = QSpinBox(minimum=1, maximum=1000)
        self.group_size.setSuffix(self.tr(" people"))
        flag_texts = {
            "safety_issue": self.tr("Safety issue or injury"),
            "media_exposure": self.tr("Threatens the media or posted online"),
            "authority_involved": self.tr("Consumer association / 12315 / lawyer"),
            "needs_outside_help": self.tr("Needs help from outside the studio"),
            "beyond_terms": self.tr("Wants more than the order's terms"),
        }
        self.flags = {name: QCheckBox(flag_texts[name]) for name in INTAKE_FLAGS}
        flags_box = QWidget()
        flags_grid = QGridLayout(flags_box)
        flags_grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.flags.values()):
            flags_grid.addWidget(box, i // 3, i % 3)
        # Phone calls and letters are often logged later: the receipt time is "now" unless changed.
        self.received, self.received_hint, received_box = _time_with_hint()
        self.received_set_by_user = False
        self.promised, self.promised_hint, promised_box = _time_with_hint()
        self.promised_set_by_user = False
        self._layout(mood_box, flags_box, received_box, promised_box)
        self._connect()
        self.clear()  # the categories come with the signed-in user (the form's reload_categories)

    def _layout(self, mood_box: QWidget, flags_box: QWidget, received_box: QWidget, promised_box: QWidget) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        wrap = self.errors.wrap
        pairs = [
            ((self.tr("Channel"), wrap("channel", self.channel)),
             (self.tr("Channel detail"), wrap("channel_detail", self.channel_detail))),
            ((self.tr("Phone"), wrap("phone", self.phone)), (self.tr("WeChat"), wrap("wechat", self.wechat))),
            ((self.tr("Customer name"), wrap("customer_name", self.customer_name)), ("", self.vip)),
            ((self.tr("Order number"), wrap("order_no", self.order_no)),
             (self.tr("Order stage"), wrap("order_stage", self.order_stage))),
            ((self.tr("Where it arose"), wrap("chain_step", self.chain_step)),
             (self.tr("Category"), wrap("category_id", self.category_id))),
        ]
        row = 0
        for (l1, w1), (l2, w2) in pairs:
            grid.addWidget(QLabel(l1), row, 0)
            grid.addWidget(w1, row, 1)
            grid.addWidget(QLabel(l2), row, 2)
            grid.addWidget(w2, row, 3)
            row += 1
        for text, field, widget, stretch in (
            (self.tr("What the customer says"), "description", self.description, 3),
            (self.tr("What the customer wants"), "customer_wish", self.customer_wish, 1),
        ):
            grid.addWidget(QLabel(text), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(wrap(field, widget), row, 1, 1, 3)
            grid.setRowStretch(row, stretch)
            row += 1
        grid.addWidget(QLabel(self.tr("Mood")), row, 0)
        grid.addWidget(wrap("mood", mood_box), row, 1)
        grid.addWidget(QLabel(self.tr("People")), row, 2)
        grid.addWidget(wrap("group_size", self.group_size), row, 3)
        row += 1
        grid.addWidget(QLabel(self.tr("Special facts")), row, 0)
        grid.addWidget(flags_box, row, 1, 1, 3)
        row += 1
        grid.addWidget(QLabel(self.tr("Received")), row, 0)
        grid.addWidget(self.errors.wrap("received_at", received_box), row, 1)
        grid.addWidget(QLabel(self.tr("Promised reply")), row, 2)
        grid.addWidget(self.errors.wrap("promised_reply_at", promised_box), row, 3)
        order = [self.channel, self.channel_detail, self.phone, self.wechat, self.customer_name, self.vip,
                 self.order_no, self.order_stage, self.chain_step, self.category_id, self.description,
                 self.customer_wish, *self.mood_buttons.buttons(), self.group_size, *self.flags.values(),
                 self.received, self.promised]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for name in TEXT_FIELDS:
            edit: QLineEdit = getattr(self, name)
            edit.textEdited.connect(lambda _t, n=name: self._changed(n))
            edit.returnPressed.connect(self.focusNextChild)  # Enter moves on; it never saves
        self.phone.textEdited.connect(self.phone_edited)
        for name in LONG_FIELDS:
            getattr(self, name).textChanged.connect(lambda n=name: self._changed(n))
        for name in COMBO_FIELDS:
            getattr(self, name).currentIndexChanged.connect(lambda _i, n=name: self._changed(n))
        for name, box in (("vip", self.vip), *self.flags.items()):
            box.toggled.connect(lambda _c, n=name: self._changed(n))
        self.mood_buttons.idClicked.connect(lambda _i: self._changed("mood"))
        self.group_size.valueChanged.connect(lambda _v: self._changed("group_size"))
        self.received.dateTimeChanged.connect(lambda _d: self._changed("received_at"))
        self.promised.dateTimeChanged.connect(lambda _d: self._changed("promised_reply_at"))

    def _changed(self, field: str) -> None:
        """A change by the user (not by filling the form): clear its error and tell the form."""
        if self._filling:
            return
        if self.errors.message(field):
            self.errors.set(field, "")
        if field == "received_at":
            self.received_set_by_user = True
            self.received_hint.setText(self.tr("changed by hand"))
            self.received_edited.emit()
        if field == "promised_reply_at":
            self.promised_set_by_user = True
            self.promised_hint.setText(self.tr("changed by hand"))
            self.promised_edited.emit()
        self.edited.emit()

    def reload_categories(self) -> None:
        """The studio's active categories (the manager edits the list in settings), read off the GUI
        thread. Only the newest answer is shown; the category chosen stays chosen while offered."""
        self._category_reads += 1
        asked = self._category_reads
        read_op(self, _active_categories).background().success(
            lambda items: self._categories_arrived(asked, items)
        ).failure(lambda _error: None).run()  # the list stays as it was; the next change reads again

    def _categories_arrived(self, asked: int, items: list[tuple[int, str]]) -> None:
        if asked == self._category_reads:
            self.category_id.set_items(items)

    def set_order_numbers(self, numbers: list[str]) -> None:
        self.order_completer.model().setStringList(numbers)

    def set_promised(self, value: datetime, *, by_user: bool) -> None:
        was, self._filling = self._filling, True
        self.promised.setDateTime(to_qdatetime(value))
        self._filling = was
        self.promised_set_by_user = by_user
        self.promised_hint.setText(self.tr("changed by hand") if by_user else self.tr("from the time limits"))

    def set_received_now(self, now: datetime) -> None:
        """Keep the receipt time at "now" until the receptionist changes it."""
        if self.received_set_by_user:
            return
        was, self._filling = self._filling, True
        self.received.setDateTime(to_qdatetime(now))
        self._filling = was
        self.received_hint.setText(self.tr("now"))

    def mood(self) -> str:
        button = self.mood_buttons.checkedButton()
        return button.property("code") if button else "calm"

    def set_mood(self, code: str) -> None:
        for button in self.mood_buttons.buttons():
            button.setChecked(button.property("code") == code)

    def collect(self) -> dict[str, Any]:
        """The form as register_complaint's ``data`` (raw text: the core cleans and checks it)."""
        data: dict[str, Any] = {name: getattr(self, name).text() for name in TEXT_FIELDS}
        data.update({name: getattr(self, name).toPlainText() for name in LONG_FIELDS})
        data.update({name: getattr(self, name).value() for name in COMBO_FIELDS})
        data.update({name: box.isChecked() for name, box in self.flags.items()})
        data.update(vip=self.vip.isChecked(), mood=self.mood(), group_size=self.group_size.value())
        data["promised_reply_at"] = self.promised.dateTime().toPython() if self.promised_set_by_user else None
        data["received_at"] = self.received.dateTime().toPython() if self.received_set_by_user else None
        return data

    def is_blank(self) -> bool:
        """Nothing the receptionist typed would be lost."""
        data = self.collect()
        return not any(data[n].strip() for n in (*TEXT_FIELDS, *LONG_FIELDS)) and not any(
            data[n] for n in ("order_stage", "chain_step", "category_id", "vip", *INTAKE_FLAGS))

    def to_draft(self) -> dict[str, Any]:
        data = self.collect()
        for name in ("promised_reply_at", "received_at"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    def from_draft(self, data: dict[str, Any]) -> None:
        """Fill the form from a draft; unknown or stale values are skipped, never trusted."""
        self._filling = True
        for name in TEXT_FIELDS:
            getattr(self, name).setText(str(data.get(name) or ""))
        for name in LONG_FIELDS:
            getattr(self, name).setPlainText(str(data.get(name) or ""))
        for name in COMBO_FIELDS:
            getattr(self, name).set_value(data.get(name))
        for name, box in self.flags.items():
            box.setChecked(bool(data.get(name)))
        self.vip.setChecked(bool(data.get("vip")))
        self.set_mood(data.get("mood") if data.get("mood") in codes("mood") else "calm")
        try:
            self.group_size.setValue(int(data.get("group_size") or 1))
        except (TypeError, ValueError):
            self.group_size.setValue(1)
        self._filling = False
        promised = data.get("promised_reply_at")
        if promised:
            try:
                self.set_promised(datetime.fromisoformat(promised), by_user=True)
            except (TypeError, ValueError):
                self.promised_set_by_user = False
        self.received_set_by_user = False
        received = data.get("received_at")
        if received:
            try:
                self.set_received_now(datetime.fromisoformat(received))
                self.received_set_by_user = True
                self.received_hint.setText(self.tr("changed by hand"))
            except (TypeError, ValueError):
                pass

    def clear(self) -> None:
        """A blank form for the next customer (channel back to 门店当面)."""
        self.from_draft({"channel": "walk_in"})
        self.promised_set_by_user = False
        self.set_order_numbers([])
        self.errors.clear()


def _time_with_hint() -> tuple[QDateTimeEdit, QLabel, QWidget]:
    """A date-time input with a grey note beside it (where its value came from)."""
    edit, hint, box = datetime_edit(), QLabel(), QWidget()
    hint.setStyleSheet(f"color: {MUTED_COLOR};")
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit)
    row.addWidget(hint, 1)
    box.setFocusProxy(edit)  # an error there focuses the input itself
    return edit, hint, box


def _active_categories() -> list[tuple[int, str]]:
    """Off the GUI thread: (id, name) of the categories offered at intake."""
    return [(c.id, c.name) for c in catalog.list_entries("category", include_inactive=False)]
