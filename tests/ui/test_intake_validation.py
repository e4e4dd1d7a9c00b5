"""Inline Chinese messages next to each bad field; Save refused with the first problem focused."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from studio_desk.models import Complaint
from tests.ui.intake_fixtures import fill_walk_in, saved
from ui.intake.form import IntakeForm


@pytest.fixture
def form(qtbot, sign_in, frozen_now):
    form = IntakeForm(sign_in("front"))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return form


def messages(form) -> dict[str, str]:
    names = ("phone", "customer_name", "order_no", "chain_step", "category_id", "description", "customer_wish",
             "channel_detail", "promised_reply_at")
    return {name: form.entry.errors.message(name) for name in names if form.entry.errors.message(name)}


def test_empty_form_names_every_missing_field_and_focuses_the_first(form):
    assert saved(form) is None
    assert messages(form) == {
        "phone": "请填写联系电话（没有电话时请填写微信号）。",
        "customer_name": "请填写顾客姓名。",
        "chain_step": "请选择问题环节。",
        "category_id": "请选择投诉类别。",
        "description": "请填写投诉内容。",
    }
    assert QApplication.focusWidget() is form.entry.phone
    assert form.entry.errors._fields["phone"][1].isVisible()
    assert Complaint.select().count() == 0


def test_wechat_instead_of_phone_is_enough(form):
    fill_walk_in(form, phone="")
    form.entry.wechat.setText("wx_zhang")
    assert saved(form).customer.wechat == "wx_zhang"


@pytest.mark.parametrize("phone", ["12345", "1381234567a", "138123456789", "电话"])
def test_bad_phone_number(form, phone):
    fill_walk_in(form, phone=phone)
    assert saved(form) is None
    assert messages(form) == {"phone": messages(form)["phone"]}
    assert messages(form)["phone"].startswith("电话号码格式不对")
    assert QApplication.focusWidget() is form.entry.phone


def test_too_long_texts_say_how_long(form):
    fill_walk_in(form, name="张" * 101, description="长" * 5001)
    form.entry.order_no.setText("D" * 41)
    form.entry.customer_wish.setPlainText("想" * 5001)
    form.entry.channel_detail.setText("渠" * 101)
    assert saved(form) is None
    assert messages(form) == {
        "channel_detail": "渠道说明太长了：最多 100 个字，现在有 101 个字。",
        "customer_name": "顾客姓名太长了：最多 100 个字，现在有 101 个字。",
        "order_no": "订单号太长了：最多 40 个字，现在有 41 个字。",
        "description": "投诉内容太长了：最多 5000 个字，现在有 5001 个字。",
        "customer_wish": "顾客诉求太长了：最多 5000 个字，现在有 5001 个字。",
    }
    assert QApplication.focusWidget() is form.entry.channel_detail


def test_promised_reply_before_receipt_is_refused(form, frozen_now):
    fill_walk_in(form)
    form.entry.set_promised(datetime(2026, 11, 20, 9, 0), by_user=True)
    assert saved(form) is None
    assert messages(form) == {"promised_reply_at": "承诺答复时间不能早于受理时间。"}
    assert QApplication.focusWidget() is form.entry.promised


def test_fixing_a_field_clears_its_message(qtbot, form):
    assert saved(form) is None
    form.entry.customer_name.setFocus()
    qtbot.keyClicks(form.entry.customer_name, "Li")
    assert "customer_name" not in messages(form) and "phone" in messages(form)


def test_emoji_rare_characters_kept_and_control_characters_dropped(form):
    fill_walk_in(form, name="王𠀀😀", description="相册发黄😡\x07𠀀\n第二行\x00")
    form.entry.customer_wish.setPlainText("  退款 🙏  ")
    case = saved(form)
    assert case is not None
    case = Complaint.get_by_id(case.id)
    assert case.customer.name == "王𠀀😀"
    assert case.description == "相册发黄😡𠀀\n第二行"
    assert case.customer_wish == "退款 🙏"
