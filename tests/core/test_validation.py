"""What users type: cleaned, checked, and refused with Chinese messages that name the field.

Nasty inputs on purpose: empty forms, 100 kB of text, emoji and rare CJK (𠀀, stored intact),
control characters (stripped), malformed phones, negative / huge / 3-decimal money, future and
impossible dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from studio_desk.errors import ValidationError
from studio_desk.services import actions
from studio_desk.services.cases import update_case
from studio_desk.services.intake import register_complaint
from studio_desk.validation import (
    Checker,
    clean_text,
    mask_phone,
    normalise_phone,
    parse_date,
    parse_datetime,
    parse_money,
)
from tests.board_factory import advance, register
from tests.core.casekit import reload

RARE = "𠀀𪚥😡👩‍👩‍👧🇨🇳"


# --- text ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, ""),
        ("  张三  ", "张三"),
        ("a\x00b\x07c\x1b[31md\x7f", "abc[31md"),
        ("换\n行\t制表", "换行制表"),
        ("零\u200b宽\ufeff字符\u2028", "零宽字符"),
        ("Cafe\u0301", "Café"),  # NFC
        (RARE, RARE),
        ("\ud800孤立代理", "?孤立代理"),
        (12345, "12345"),
    ],
)
def test_clean_text_single_line(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text_multiline_keeps_lines_and_tabs():
    assert clean_text("第一行\r\n第二行\r第三行\t结束\x00\x0c", multiline=True) == "第一行\n第二行\n第三行\t结束"


def test_checker_text_required_and_length():
    check = Checker()
    assert check.text("name", "顾客姓名", " \x00 ", required=True) == ""
    check.text("wish", "顾客诉求", "字" * 101, max_len=100)
    assert check.text("ok", "说明", "字" * 100, max_len=100) == "字" * 100
    assert check.problems == {"name": "请填写顾客姓名。", "wish": "顾客诉求太长了：最多 100 个字，现在有 101 个字。"}
    with pytest.raises(ValidationError) as info:
        check.raise_if_any()
    assert (info.value.field, info.value.message) == ("name", "请填写顾客姓名。")


def test_checker_choice():
    check = Checker()
    assert check.choice("channel", "投诉渠道", "phone", ("phone", "walk_in")) == "phone"
    check.choice("mood", "顾客情绪", "", ("calm",))
    check.choice("stage", "阶段", "x" * 50, ("calm",))
    assert check.choice("order_stage", "订单阶段", None, ("shot",), required=False) == ""
    assert check.problems == {"mood": "请选择顾客情绪。", "stage": f"阶段“{'x' * 20}”不在可选范围内。"}


# --- phones ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("（+86）13812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full-width digits from a Chinese IME
        ("138－1234－5678", "13812345678"),  # full-width dashes
        ("＋86 138 1234 5678", "13812345678"),
        ("021-62345678", "02162345678"),
        ("(0755) 8888 6666", "075588886666"),
        ("+86 21 6234 5678", "02162345678"),  # a landline written the international way
        ("+86 10 1234 5678", "01012345678"),  # Beijing's area code starts with 1, like a mobile
        ("+1 415 555 2671", "+14155552671"),
        ("+852 9123 4567", "+85291234567"),
    ],
)
def test_good_phones_are_normalised(raw, normalised):
    assert normalise_phone(raw) == normalised


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "1381234567", "138123456789", "12812345678", "abc", "138abcd5678", "+1", "62345678",
     "+86 123", "13812345678 转 2", "😀"],
)
def test_bad_phones_are_refused(raw):
    assert normalise_phone(raw) is None


def test_checker_phone_message():
    check = Checker()
    assert check.phone("phone", "138 1234 5678") == "13812345678"
    assert check.phone("phone2", "") == ""
    check.phone("phone3", "", required=True)
    check.phone("phone4", "12345")
    assert check.problems["phone3"] == "请填写联系电话。"
    assert check.problems["phone4"].startswith("电话号码格式不对：手机号为 11 位")


@pytest.mark.parametrize(
    ("phone", "masked"),
    [(None, ""), ("", ""), ("13812345678", "138****5678"), ("02162345678", "021****5678"), ("12345", "12***")],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


# --- money ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        (None, "0.00"),
        ("", "0.00"),
        ("300", "300.00"),
        ("300.5", "300.50"),
        ("1,234.56", "1234.56"),
        ("1，234", "1234.00"),
        ("¥88", "88.00"),
        ("88元", "88.00"),
        (88, "88.00"),
        (0.1, "0.10"),
        (Decimal("1000000.00"), "1000000.00"),
        ("1e2", "100.00"),
        ("-0", "0.00"),
    ],
)
def test_good_money(raw, amount):
    parsed = parse_money(raw)
    assert parsed == Decimal(amount)
    assert str(parsed) == amount


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("-1", "不能为负数。"),
        ("-0.01", "不能为负数。"),
        ("1000000.01", "超过上限 1,000,000 元，请核对。"),
        ("1e400", "超过上限 1,000,000 元，请核对。"),
        (float("inf"), "必须是金额数字（如 300 或 300.50）。"),
        ("NaN", "必须是金额数字（如 300 或 300.50）。"),
        ("1.005", "最多保留两位小数。"),
        ("0.001", "最多保留两位小数。"),
        ("三百", "必须是金额数字（如 300 或 300.50）。"),
        ("12 34", "必须是金额数字（如 300 或 300.50）。"),
    ],
)
def test_bad_money(raw, message):
    with pytest.raises(ValueError) as info:
        parse_money(raw)
    assert str(info.value) == message


def test_checker_money_names_the_field():
    check = Checker()
    assert check.money("fine", "罚款金额", "-5") == Decimal("0.00")
    assert check.problems == {"fine": "罚款金额不能为负数。"}


# --- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["2026-11-23", "2026/11/23", "20261123", "2026.11.23", " 2026-11-23 ",
                                 date(2026, 11, 23), datetime(2026, 11, 23, 8, 0)])
def test_parse_date(raw):
    assert parse_date(raw) == date(2026, 11, 23)


@pytest.mark.parametrize("raw", ["2026-02-30", "2026-13-01", "2025-02-29", "", "昨天", "0000-01-01", None])
def test_impossible_dates_are_refused_in_chinese(raw):
    with pytest.raises(ValueError, match="无效，请按 2026-11-23 的格式填写"):
        parse_date(raw)


def test_parse_datetime():
    assert parse_datetime("2026-11-23 08:30") == datetime(2026, 11, 23, 8, 30)
    assert parse_datetime("2026-11-23T08:30:15") == datetime(2026, 11, 23, 8, 30, 15)
    assert parse_datetime("2026/11/23") == datetime(2026, 11, 23)
    with pytest.raises(ValueError):
        parse_datetime("2026-11-23 25:00")


def test_future_time_is_refused_but_this_minute_is_fine():
    now = datetime(2026, 11, 23, 10, 0, 0)
    check = Checker()
    check.past_datetime("a", "受理时间", now + timedelta(seconds=59), now)
    assert check.problems == {}
    check.past_datetime("b", "受理时间", now + timedelta(minutes=1), now)
    assert check.problems == {"b": "受理时间不能晚于现在。"}


# --- through the services -------------------------------------------------------------------------


@pytest.fixture
def people(studio, frozen_now):
    return studio


def problems_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return info.value.problems


def test_empty_intake_form_names_every_missing_field(people):
    problems = problems_of(register_complaint, people["front"], {})
    assert problems == {
        "phone": "请填写联系电话（没有电话时请填写微信号）。",
        "customer_name": "请填写顾客姓名。",
        "chain_step": "请选择问题环节。",
        "category_id": "请选择投诉类别。",
        "description": "请填写投诉内容。",
    }


def test_100_kb_of_text_is_refused_and_5000_characters_are_fine(people):
    problems = problems_of(register, people["front"], description="很长" * 51200)
    assert problems == {"description": "投诉内容太长了：最多 5000 个字，现在有 102400 个字。"}
    case = register(people["front"], description="字" * 5000)
    assert len(reload(case).description) == 5000


def test_emoji_and_rare_cjk_are_stored_intact(people):
    case = register(people["front"], customer_name=f"𠀀{RARE}", description=f"照片{RARE}\n第二行",
                    customer_wish="重拍 🙏", order_no="HS-𠀀-01")
    stored = reload(case)
    assert stored.customer.name == f"𠀀{RARE}"
    assert stored.description == f"照片{RARE}\n第二行"
    assert (stored.customer_wish, stored.order_no) == ("重拍 🙏", "HS-𠀀-01")


def test_control_characters_are_stripped_before_storing(people):
    case = register(people["front"], customer_name="张\x00三\x1b", description="修图\x07太假\r\n脸变形\x00",
                    wechat="wx\u200bid")
    stored = reload(case)
    assert (stored.customer.name, stored.description, stored.customer.wechat) == ("张三", "修图太假\n脸变形", "wxid")


@pytest.mark.parametrize("phone", ["12345", "138123456789", "电话", "+1"])
def test_bad_phone_at_intake(people, phone):
    assert list(problems_of(register, people["front"], phone=phone)) == ["phone"]


def test_wechat_instead_of_a_phone(people):
    case = register(people["front"], phone="", wechat="lin_xiaoman")
    assert (case.customer.phone, case.customer.wechat) == ("", "lin_xiaoman")


@pytest.mark.parametrize(
    ("size", "ok"), [(0, False), (-3, False), ("五", False), (1001, False), (1, True), ("7", True), (None, True)]
)
def test_group_size(people, size, ok):
    if ok:
        assert register(people["front"], group_size=size).group_size == int(size or 1)
    else:
        assert problems_of(register, people["front"], group_size=size) == {
            "group_size": "投诉人数必须是 1 到 1000 之间的整数。"}


def test_received_time_must_not_be_in_the_future_nor_over_a_year_ago(people, frozen_now):
    assert problems_of(register, people["front"], received_at=frozen_now + timedelta(minutes=2)) == {
        "received_at": "受理时间不能晚于现在。"}
    assert problems_of(register, people["front"], received_at=frozen_now - timedelta(days=400)) == {
        "received_at": "受理时间不能早于一年前，请核对日期。"}
    case = register(people["front"], received_at=frozen_now - timedelta(days=3, hours=2))
    assert case.received_at == frozen_now - timedelta(days=3, hours=2)


@pytest.mark.parametrize("bad", ["2026-13-45 10:00", "昨天下午", 3.14])
def test_impossible_received_time_is_a_validation_error(people, bad):
    assert problems_of(register, people["front"], received_at=bad) == {
        "received_at": "受理时间无效，请按 2026-11-23 10:00 的格式填写。"}


def test_typed_received_time_is_accepted(people):
    case = register(people["front"], received_at="2026-11-22 16:30")
    assert case.received_at == datetime(2026, 11, 22, 16, 30)


def test_promised_reply_before_receipt_is_refused(people, frozen_now):
    problems = problems_of(register, people["front"], promised_reply_at=frozen_now - timedelta(hours=1))
    assert problems == {"promised_reply_at": "承诺答复时间不能早于受理时间。"}


def test_unknown_choices_are_refused(people):
    problems = problems_of(register, people["front"], channel="carrier pigeon", chain_step="lunch", mood="angry")
    assert set(problems) == {"channel", "chain_step", "mood"}
    assert problems["channel"] == "投诉渠道“carrier pigeon”不在可选范围内。"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-100", "第 1 项补偿金额不能为负数。"),
        ("99999999", "第 1 项补偿金额超过上限 1,000,000 元，请核对。"),
        ("12.345", "第 1 项补偿金额最多保留两位小数。"),
    ],
)
def test_bad_compensation_amounts(people, amount, message):
    case = advance(register(people["front"]), "remedy", people)
    problems = problems_of(actions.propose_remedy, people["manager"], case.id, case.version, remedy_type="refund",
                           remedy_plan="退款", compensation_lines=[{"kind": "refund", "amount": amount}])
    assert problems == {"compensation_lines": message}
    assert reload(case).version == case.version


def test_edit_refuses_bad_values_and_writes_nothing(people):
    case = register(people["front"])
    problems = problems_of(update_case, people["front"], case.id, case.version,
                           {"description": "", "mood": "furious", "group_size": 0})
    assert set(problems) == {"description", "mood", "group_size"}
    assert reload(case).version == case.version
