"""The authorization matrix: README's rights table is the one the core enforces, and every core
service, called as every role and as a deactivated account, is allowed or refused as that table says.
A refused call changes nothing: every row of every table, the audit trail and the files are as before."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from studio_desk import attachments, drafts
from studio_desk.attachments import files_root
from studio_desk.backup_desk import backup_now
from studio_desk.db import current_database, sqlite_path
from studio_desk.errors import DomainError, PermissionDenied
from studio_desk.exports.case_sheet import write_case_sheet
from studio_desk.exports.customer_copy import write_customer_copy
from studio_desk.exports.meeting import write_meeting_pack
from studio_desk.exports.register_import import import_register, read_register
from studio_desk.exports.register_xlsx import export_register
from studio_desk.exports.slip import write_slip
from studio_desk.models import ALL_MODELS, Category, Complaint, Department, Staff, User
from studio_desk.move import move_from_desk
from studio_desk.permissions import RIGHTS, STAFF_ROLES
from studio_desk.reports.daily import write_daily_summary
from studio_desk.reports.monthly import write_monthly_report
from studio_desk.reports.monthly_xlsx import write_monthly_workbook
from studio_desk.services import actions, admin, catalog, privacy, reviews, users
from studio_desk.services.cases import update_case
from studio_desk.stats import compute
from tests.board_factory import advance, carried_out_days_ago, register
from tests.core.test_attachments import write_png
from tests.core.test_import_register import GOOD, _old_spreadsheet

README = Path(__file__).resolve().parents[2] / "README.md"
ROLE_NAMES = {"前台": "receptionist", "客服": "service", "店长": "manager", "执行经理": "executive", "管理员": "admin"}
LOGINS = {"receptionist": "front", "service": "service", "manager": "manager", "executive": "exec", "admin": "admin"}


def documented_rights() -> dict[str, set[str]]:
    """README's "Rights" table: right → the roles with a ✓."""
    section = README.read_text(encoding="utf-8").split("## Rights", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("|")]
    roles = [ROLE_NAMES[cell.strip()] for cell in rows[0][2:]]
    return {
        re.sub(r"[`\s]", "", row[0]): {r for r, cell in zip(roles, row[2:], strict=True) if cell.strip() == "✓"}
        for row in rows[2:]
    }


def test_the_readme_table_is_the_table_the_core_enforces():
    assert documented_rights() == {key: set(roles) for key, (roles, _name) in RIGHTS.items()}


@dataclass
class Kit:
    """Fresh cases and entries for each call, made by the manager before the call is tried."""

    people: dict[str, User]
    tmp: Path

    def case(self, stage: str = "registered", **data: Any) -> Complaint:
        if stage == "follow_up":  # its call is due now
            return carried_out_days_ago(self.people, **data)
        return advance(register(self.people["front"], **data), stage, self.people)

    def in_approval(self, amount: str) -> Complaint:
        case = self.case("remedy", beyond_terms=True)
        return actions.propose_remedy(
            self.people["manager"],
            case.id,
            case.version,
            remedy_type="refund",
            remedy_plan="退款",
            compensation_lines=[{"kind": "refund", "description": "退款", "amount": amount}],
        )

    def followed_up(self) -> Complaint:
        case = self.case("follow_up")
        return actions.record_follow_up(self.people["manager"], case.id, case.version, reached=True, satisfied=True)

    def out(self, name: str) -> Path:
        return self.tmp / "out" / name


Call = Callable[[User], Any]
# (service, the rights it needs, a set-up returning the call). Each set-up runs before the snapshot.
CALLS: list[tuple[str, tuple[str, ...], Callable[[Kit], Call]]] = [
    ("register_complaint", ("register",), lambda k: lambda u: register(u)),
    (
        "import_register",
        ("import",),
        lambda k: (lambda preview: lambda u: import_register(u, preview))(
            read_register(_old_spreadsheet(k.tmp / "old.xlsx", [GOOD]))
        ),
    ),
    (
        "update_case intake",
        ("edit_intake",),
        lambda k: (lambda c: lambda u: update_case(u, c.id, c.version, {"description": "顾客补充"}))(k.case()),
    ),
    (
        "update_case assign",
        ("assign",),
        lambda k: (
            lambda c: (
                lambda u: update_case(u, c.id, c.version, {"department": Department.get(Department.name == "摄影").id})
            )
        )(k.case("remedy")),
    ),
    ("add_note", ("add_note",), lambda k: (lambda c: lambda u: actions.add_note(u, c.id, "备注"))(k.case())),
    (
        "attach_file",
        ("attach",),
        lambda k: (lambda c, f: lambda u: attachments.attach_file(u, c.id, f))(k.case(), write_png(k.tmp / "证据.png")),
    ),
    (
        "start_investigation",
        ("start_investigation",),
        lambda k: (lambda c: lambda u: actions.start_investigation(u, c.id, c.version))(k.case()),
    ),
    (
        "assess",
        ("assess",),
        lambda k: (
            lambda c: (
                lambda u: actions.assess(
                    u, c.id, c.version, validity="valid", cause="原因", department=Department.get().id
                )
            )
        )(k.case("investigating")),
    ),
    (
        "propose_remedy",
        ("propose_remedy",),
        lambda k: (
            lambda c: lambda u: actions.propose_remedy(u, c.id, c.version, remedy_type="reretouch", remedy_plan="重修")
        )(k.case("remedy")),
    ),
    (
        "approve",
        ("approve",),
        lambda k: (lambda c: lambda u: actions.approve(u, c.id, c.version, "同意"))(k.in_approval("300")),
    ),
    (
        "approve above the limit",
        ("approve", "approve_above_limit"),
        lambda k: (lambda c: lambda u: actions.approve(u, c.id, c.version, "同意"))(k.in_approval("800")),
    ),
    (
        "send_back",
        ("approve",),
        lambda k: (lambda c: lambda u: actions.send_back(u, c.id, c.version, "金额不妥"))(k.in_approval("300")),
    ),
    (
        "record_implementation",
        ("implement",),
        lambda k: (lambda c: lambda u: actions.record_implementation(u, c.id, c.version, customer_accepted=True))(
            k.case("implementing")
        ),
    ),
    (
        "record_follow_up",
        ("follow_up",),
        lambda k: (lambda c: lambda u: actions.record_follow_up(u, c.id, c.version, reached=False))(
            k.case("follow_up")
        ),
    ),
    (
        "record_follow_up then close",
        ("follow_up", "close"),
        lambda k: (
            lambda c: lambda u: actions.record_follow_up(u, c.id, c.version, reached=True, satisfied=True, then="close")
        )(k.case("follow_up")),
    ),
    ("close_case", ("close",), lambda k: (lambda c: lambda u: actions.close_case(u, c.id, c.version))(k.followed_up())),
    (
        "move_back",
        ("move_back",),
        lambda k: (lambda c: lambda u: actions.move_back(u, c.id, c.version, "investigating", "再查"))(
            k.case("remedy")
        ),
    ),
    (
        "reopen_case",
        ("reopen",),
        lambda k: (lambda c: lambda u: actions.reopen_case(u, c.id, c.version, "顾客再来"))(k.case("closed")),
    ),
    (
        "set_severity",
        ("set_severity",),
        lambda k: (lambda c: lambda u: actions.set_severity(u, c.id, c.version, "major", "媒体曝光"))(k.case()),
    ),
    (
        "delete_case",
        ("delete",),
        lambda k: (lambda c: lambda u: actions.delete_case(u, c.id, c.version, "重复登记"))(k.case()),
    ),
    (
        "record_penalty",
        ("penalties",),
        lambda k: (
            lambda c: lambda u: actions.record_penalty(u, c.id, staff_id=Staff.get().id, points=5, reason="修图过度")
        )(k.case()),
    ),
    ("list_penalties", ("penalties",), lambda k: lambda u: actions.list_penalties(u)),
    ("update_settings", ("settings",), lambda k: lambda u: admin.update_settings(u, {"hotspot_threshold": 4})),
    ("set_holiday", ("settings",), lambda k: lambda u: admin.set_holiday(u, date(2026, 12, 24), False, "店休")),
    (
        "remove_holiday",
        ("settings",),
        lambda k: (lambda _h: lambda u: admin.remove_holiday(u, date(2026, 12, 25)))(
            admin.set_holiday(k.people["manager"], date(2026, 12, 25), False, "店休")
        ),
    ),
    ("add_entry", ("settings",), lambda k: lambda u: catalog.add_entry(u, "category", "新类别")),
    (
        "rename_entry",
        ("settings",),
        lambda k: lambda u: catalog.rename_entry(u, "category", Category.get().id, "改名类别"),
    ),
    (
        "set_entry_active",
        ("settings",),
        lambda k: lambda u: catalog.set_entry_active(u, "department", Department.get().id, False),
    ),
    (
        "reorder_entries",
        ("settings",),
        lambda k: (
            lambda u: catalog.reorder_entries(
                u, "category", [c.id for c in Category.select().order_by(Category.id.desc())]
            )
        ),
    ),
    ("add_staff", ("settings",), lambda k: lambda u: catalog.add_staff(u, {"name": "新员工"})),
    ("update_staff", ("settings",), lambda k: lambda u: catalog.update_staff(u, Staff.get().id, {"name": "改名"})),
    (
        "create_user",
        ("manage_users",),
        lambda k: (
            lambda u: users.create_user(
                u, {"username": "newbie", "display_name": "新人", "role": "receptionist", "password": "newbie123"}
            )
        ),
    ),
    (
        "update_user",
        ("manage_users",),
        lambda k: lambda u: users.update_user(u, User.get(User.username == "front").id, {"display_name": "改名前台"}),
    ),
    (
        "reset_password",
        ("manage_users",),
        lambda k: lambda u: users.reset_password(u, User.get(User.username == "front").id, "Reset-1234"),
    ),
    ("list_users", ("manage_users",), lambda k: lambda u: admin.list_users(u)),
    (
        "write_case_sheet",
        ("export",),
        lambda k: (lambda c: lambda u: write_case_sheet(u, c.id, k.out("c.pdf")))(k.case()),
    ),
    ("write_slip", ("export",), lambda k: (lambda c: lambda u: write_slip(u, c.id, k.out("s.pdf")))(k.case())),
    ("export_register", ("export",), lambda k: lambda u: export_register(u, k.out("r.xlsx"))),
    (
        "export_register full phones",
        ("export", "export_full_phone"),
        lambda k: lambda u: export_register(u, k.out("rf.xlsx"), include_full_phone=True),
    ),
    ("write_meeting_pack", ("export",), lambda k: lambda u: write_meeting_pack(u, k.out("m.pdf"), open_only=True)),
    (
        "write_daily_summary",
        ("statistics", "export"),
        lambda k: lambda u: write_daily_summary(u, date(2026, 11, 23), k.out("d.pdf")),
    ),
    (
        "write_monthly_report",
        ("statistics", "export"),
        lambda k: lambda u: write_monthly_report(u, "2026-11", k.out("mo.pdf")),
    ),
    (
        "write_monthly_workbook",
        ("statistics", "export"),
        lambda k: lambda u: write_monthly_workbook(u, "2026-11", k.out("mo.xlsx")),
    ),
    ("statistics", ("statistics",), lambda k: lambda u: compute(viewer=u)),
    (
        "save_review",
        ("monthly_review",),
        lambda k: lambda u: reviews.save_review(u, "2026-11", "加强修图培训", expected_updated_at=None),
    ),
    ("backup_now", ("backup",), lambda k: lambda u: backup_now(u)),
    # A move the permission check lets through stops at the empty target address, before copying.
    ("move_from_desk", ("move_studio",),
     lambda k: lambda u: move_from_desk(u, "", db_path=sqlite_path(), db_url=None if sqlite_path() else "x")),
    ("find_customers", ("erase_personal_data",), lambda k: lambda u: privacy.find_customers(u, "张三")),
    ("retention_due", ("erase_personal_data",), lambda k: lambda u: privacy.retention_due(u)),
    (
        "erase_customer",
        ("erase_personal_data",),
        lambda k: (lambda c: lambda u: privacy.erase_customer(u, c.customer_id, attachments=True))(k.case()),
    ),
    (
        "write_customer_copy",
        ("personal_data_copy",),
        lambda k: (lambda c: lambda u: write_customer_copy(u, c.customer_id, k.out("p.pdf")))(k.case()),
    ),
    (
        "change_own_password",
        ("own_password",),
        lambda k: lambda u: users.change_own_password(u, f"{u.username}123", "Brand-New-5512"),
    ),
]
# What an allowed call may still answer, past the permission check, for reasons of its own.
NOT_HERE = {"move_from_desk": ("请填写共享数据库地址", "请选择新的数据库文件")}


def test_every_core_service_is_in_the_matrix():
    """Each right of the table is exercised by at least one call."""
    assert {right for _name, rights, _setup in CALLS for right in rights} == set(RIGHTS)


def _state(tmp: Path) -> tuple[str, list[str]]:
    """Every row of every table, and every file the desk wrote (data folder, exports)."""
    db = current_database()
    rows = [repr([tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)  # psycopg2's bytea
                  for row in db.execute_sql(f'SELECT * FROM "{m._meta.table_name}" ORDER BY 1, 2').fetchall()])
            for m in ALL_MODELS]
    files = sorted(str(p) for folder in (files_root(), tmp / "out") if folder.exists() for p in folder.rglob("*"))
    if sqlite_path() is not None:
        backups = sqlite_path().parent / "backups"
        files += sorted(str(p) for p in backups.rglob("*")) if backups.exists() else []
    return "\n".join(rows), files


@pytest.mark.parametrize("who", [*STAFF_ROLES, "deactivated"])
def test_every_service_as_every_role(studio, tmp_path, who):
    rights = documented_rights()
    people = dict(studio)
    catalog.add_staff(people["manager"], {"name": "修图师小王"})
    if who == "deactivated":  # the strongest role, switched off at the other desk
        gone = users.create_user(
            people["exec"], {"username": "gone", "display_name": "离职", "role": "admin", "password": "gone123"}
        )
        users.update_user(people["exec"], gone.id, {"active": False})
        actor = User.get_by_id(gone.id)
    else:
        actor = people[LOGINS[who]]
    (tmp_path / "out").mkdir()
    drafts.save(people["front"], {"phone": "13800000000"})
    kit = Kit(people, tmp_path)
    wrong = []
    for name, needs, setup in CALLS:
        call = setup(kit)
        expected = who != "deactivated" and all(who in rights[right] for right in needs)
        before = _state(tmp_path)
        try:
            call(User.get_by_id(actor.id))
            outcome = "allowed"
        except PermissionDenied as refusal:
            outcome = "refused"
            if who == "deactivated":
                assert "停用" in refusal.message, name
            if _state(tmp_path) != before:
                wrong.append(f"{name}: refused but something changed")
        except DomainError as error:
            stops = NOT_HERE.get(name, ())
            outcome = "allowed" if any(stop in error.message for stop in stops) else f"failed: {error.message}"
        if outcome != ("allowed" if expected else "refused"):
            wrong.append(f"{name} as {who}: {outcome}, expected {'allowed' if expected else 'refused'}")
    assert not wrong, "\n".join(wrong)
