"""个人信息副本: all cases of one customer in one PDF, from the core and the command line; for 店长+
only, audited without the customer's values, and without the staff penalties."""

from __future__ import annotations

import pytest

from studio_desk.cli import main
from studio_desk.errors import PermissionDenied
from studio_desk.exports.customer_copy import write_customer_copy
from studio_desk.models import AuditEvent, Customer, Staff
from studio_desk.opening import open_database
from studio_desk.services import actions, catalog
from tests.board_factory import advance, register
from tests.core.exportkit import pdf_pages, rendered_pages

PHONE, NAME = "13966667777", "欧阳娜娜"


@pytest.fixture
def nana(sqlite_studio):
    manager = sqlite_studio["manager"]
    first = advance(
        register(
            sqlite_studio["front"], phone=PHONE, customer_name=NAME, wechat="nana_wx", description="婚纱照颜色偏黄 𠀀"
        ),
        "closed",
        sqlite_studio,
    )
    second = register(sqlite_studio["front"], phone=PHONE, customer_name=NAME, description="相册迟迟未交付")
    staff = catalog.add_staff(manager, {"name": "修图师小王"})
    actions.record_penalty(manager, second.id, staff_id=staff.id, points=5, reason="内部处罚理由")
    register(sqlite_studio["front"], phone="13800001111", customer_name="别的顾客", description="别人的投诉")
    assert Staff.select().count() == 1
    return {"first": first, "second": second, "customer": Customer.get(Customer.phone == PHONE)}


def test_the_copy_holds_every_case_of_the_customer_and_nothing_else(sqlite_studio, nana, tmp_path):
    path = write_customer_copy(sqlite_studio["manager"], nana["customer"].id, tmp_path / "副本.pdf")
    pages = pdf_pages(path)
    text = "\n".join(pages)
    assert "个人信息副本" in pages[0] and NAME in pages[0] and PHONE in pages[0] and "nana_wx" in pages[0]
    assert nana["first"].case_no in text and nana["second"].case_no in text
    assert "婚纱照颜色偏黄" in text and "相册迟迟未交付" in text
    assert "别人的投诉" not in text and "内部处罚理由" not in text
    assert rendered_pages(path, tmp_path / "png")  # poppler reads it (looked at: CJK, no boxes)
    event = AuditEvent.select().where(AuditEvent.action == "export").order_by(AuditEvent.id.desc()).get()
    assert event.details["kind"] == "personal_data_copy"
    assert event.details["case_nos"] == [nana["first"].case_no, nana["second"].case_no]
    assert NAME not in str(event.details) and PHONE not in str(event.details)


def test_only_managers_make_the_copy(sqlite_studio, nana, tmp_path):
    for who in ("front", "service"):
        with pytest.raises(PermissionDenied):
            write_customer_copy(sqlite_studio[who], nana["customer"].id, tmp_path / f"{who}.pdf")
        assert not (tmp_path / f"{who}.pdf").exists()


def test_the_command_line_makes_the_copy_by_phone(sqlite_studio, nana, tmp_path, capsys):
    db = str(tmp_path / "studio.sqlite3")
    out = tmp_path / "copy.pdf"
    assert main(["export", "customer", "139-6666-7777", "--db", db, "-o", str(out)]) == 0
    assert "已导出个人信息副本" in capsys.readouterr().out
    assert nana["second"].case_no in "\n".join(pdf_pages(out))
    assert main(["export", "customer", "13900000000", "--db", db, "-o", str(tmp_path / "none.pdf")]) != 0
    err = capsys.readouterr().err
    assert err.startswith("错误") and len(err.strip().splitlines()) == 1
    assert main(["export", "customer", PHONE, "--db", db, "--user", "front", "-o", str(tmp_path / "f.pdf")]) != 0
    assert "无权" in capsys.readouterr().err
    open_database(db)
