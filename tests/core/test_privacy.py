"""PIPL: erasing one customer's personal data (art. 47) and anonymising after the retention period
(art. 19). The values are gone from every table, file and earlier audit event; the statistics and the
register's totals are the same before and after; the erasure is audited without the values."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest
from peewee import DatabaseError

from studio_desk import clock, drafts
from studio_desk.attachments import attach_file, attachment_path
from studio_desk.board_prefs import load_filters, save_filters
from studio_desk.db import current_database
from studio_desk.errors import NotFound, PermissionDenied, ValidationError
from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import ALL_MODELS, AuditEvent, Complaint, Customer, NotifyOutbox
from studio_desk.notify.channels import save_channel
from studio_desk.search import BoardFilters
from studio_desk.services import actions, admin, privacy
from studio_desk.stats import compute
from tests.board_factory import advance, register
from tests.core.test_attachments import write_png
from tests.core.test_notify_channels import URL

NAME, PHONE, WECHAT = "林晓雪", "13955556666", "lin_xiaoxue_88"
NOVEMBER = BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))


def everything_stored() -> str:
    """Every value of every table, as text (what a look at the database file would find)."""
    db = current_database()
    parts = []
    for model in ALL_MODELS:
        cursor = db.execute_sql(f'SELECT * FROM "{model._meta.table_name}" ORDER BY 1, 2')
        parts += [repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))  # psycopg2's bytea
                  for row in cursor.fetchall()]
    return "\n".join(parts)


def facts(stats: dict) -> dict:
    """The statistics without the names and masked phones the hot-spot list labels customers with."""
    spots = stats["hot_spots"]
    customers = [{k: v for k, v in c.items() if k not in ("label", "phone")} for c in spots["customers"]]
    return {**stats, "hot_spots": {**spots, "customers": customers}}


def _register_totals(user, path) -> list:
    export_register(user, path, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and any(v is not None for v in r)]
    width = max(len(r) for r in rows)
    sums = [sum(r[i] for r in rows if i < len(r) and isinstance(r[i], (int, float))) for i in range(width)]
    return [len(rows), sums]  # the rows and every numeric column's total (money, counts, hours)


@pytest.fixture
def lin(studio, tmp_path):
    """Ms Lin with two cases (one closed), her name and number typed into texts around them, a photo,
    an export whose file name quotes her, and a draft at the front desk."""
    front, manager = studio["front"], studio["manager"]
    save_channel(manager, None, {"kind": "wecom", "url": URL, "name": "店长群"})  # messages name her masked
    first = register(
        front,
        phone=PHONE,
        customer_name=NAME,
        wechat=WECHAT,
        description=f"{NAME}说相册有划痕，请回电 {PHONE}",
        customer_wish="重做相册",
    )
    first = advance(first, "closed", studio)
    second = register(front, phone=PHONE, customer_name=NAME, description="二次投诉：底片丢失", media_exposure=True)
    actions.add_note(manager, second.id, f"已联系{NAME}，微信 {WECHAT}")
    attach_file(front, second.id, write_png(tmp_path / f"{NAME}的照片.png"))
    other = register(front, phone="13800009999", customer_name="周先生", description="等待太久", media_exposure=True)
    from studio_desk.exports.access import record_export

    record_export(manager, "case_sheet", tmp_path / f"处理单-{NAME}.pdf", second)
    drafts.save(front, {"phone": PHONE, "customer_name": NAME})
    save_filters(manager, BoardFilters(text=PHONE))  # the manager looked her up on the board
    return {"first": first, "second": second, "other": other, "customer": Customer.get(Customer.phone == PHONE)}


def test_erasing_a_customer_blanks_her_everywhere_and_keeps_the_facts(studio, lin, tmp_path):
    manager = studio["manager"]
    before_stats = facts(compute(NOVEMBER, viewer=manager))
    before_register = _register_totals(manager, tmp_path / "before.xlsx")
    photo = attachment_path(lin["second"].attachments.get())
    assert photo.exists() and NAME in everything_stored() and drafts.load(studio["front"]) is not None
    assert "林**" in " ".join(m.body for m in NotifyOutbox.select()), "a 重大 complaint was notified"

    erasure = privacy.erase_customer(manager, lin["customer"].id, attachments=True)

    assert set(erasure.case_nos) == {lin["first"].case_no, lin["second"].case_no}
    assert erasure.attachments_removed == 1 and erasure.audit_events_blanked >= 1
    stored = everything_stored()
    for value in (NAME, PHONE, WECHAT):
        assert value not in stored, value
    assert "周先生" in stored, "other customers are untouched"
    outbox = " ".join(m.title + m.body for m in NotifyOutbox.select())
    assert "林**" not in outbox and "139****6666" not in outbox and "周*" in outbox
    customer = Customer.get_by_id(lin["customer"].id)
    assert (customer.name, customer.phone, customer.wechat) == (privacy.ERASED_NAME, "", "")
    assert customer.erased_at == clock.now() and customer.complaints.count() == 2
    assert not photo.exists() and drafts.load(studio["front"]) is None
    assert load_filters(manager).text == ""
    assert facts(compute(NOVEMBER, viewer=manager)) == before_stats
    assert _register_totals(manager, tmp_path / "after.xlsx") == before_register
    event = AuditEvent.select().where(AuditEvent.action == "erase_customer").get()
    assert event.user_id == manager.id and event.at == clock.now()
    assert sorted(event.details["case_nos"]) == sorted(erasure.case_nos)
    with pytest.raises(DatabaseError, match="append-only"):  # the guard is back in place
        with current_database().atomic():
            current_database().execute_sql("UPDATE audit_event SET action = 'x'")
    with pytest.raises(NotFound):
        privacy.erase_customer(manager, lin["customer"].id, attachments=False)


def test_only_managers_erase_and_a_refusal_changes_nothing(studio, lin):
    stored = everything_stored()
    for who in ("front", "service"):
        with pytest.raises(PermissionDenied):
            privacy.erase_customer(studio[who], lin["customer"].id, attachments=True)
        with pytest.raises(PermissionDenied):
            privacy.find_customers(studio[who], PHONE)
    assert everything_stored() == stored


def test_the_customer_is_found_by_phone_name_or_wechat(studio, lin):
    manager = studio["manager"]
    for text in (PHONE, "139-5555-6666", NAME, WECHAT):
        found = privacy.find_customers(manager, text)
        assert [c.customer_id for c in found] == [lin["customer"].id], text
    assert found[0].open_cases == 1 and len(found[0].case_nos) == 2
    privacy.erase_customer(manager, lin["customer"].id, attachments=False)
    assert privacy.find_customers(manager, PHONE) == [] and privacy.find_customers(manager, privacy.ERASED_NAME) == []


def test_retention_lists_customers_closed_longer_ago_and_the_manager_confirms(studio):
    manager = studio["manager"]
    long_ago = clock.now() - timedelta(days=3 * 366 + 8)  # closed on its follow-up day, 5 days later
    with clock.frozen(long_ago):
        old = advance(register(studio["front"], phone="13911110000", customer_name="旧顾客"), "closed", studio)
        reopened_later = advance(
            register(studio["front"], phone="13922220000", customer_name="又来了"), "closed", studio
        )
    register(studio["front"], phone="13922220000", customer_name="又来了")  # a new, open complaint
    advance(register(studio["front"], phone="13933330000", customer_name="新顾客"), "closed", studio)
    due = privacy.retention_due(manager)
    assert [c.name for c in due] == ["旧顾客"] and due[0].case_nos == (old.case_no,)
    with pytest.raises(ValidationError):  # not due: its customer has an open case
        privacy.anonymise_due(manager, [reopened_later.customer_id])
    admin.update_settings(manager, {"retention_years": 10})
    assert privacy.retention_due(manager) == []
    admin.update_settings(manager, {"retention_years": 3})
    privacy.anonymise_due(manager, [old.customer_id])
    assert Customer.get_by_id(old.customer_id).name == privacy.ERASED_NAME
    event = AuditEvent.select().where(AuditEvent.action == "retention_anonymise").get()
    assert event.details["case_nos"] == [old.case_no] and "旧顾客" not in str(event.details)
    assert privacy.retention_due(manager) == []


def test_another_customer_of_the_same_name_keeps_hers(studio, lin):
    """Outside her own cases only her phone and WeChat identify her: a namesake's case, note, audit
    trail and draft keep the name."""
    twin = register(studio["front"], phone="13700001234", customer_name=NAME, description=f"{NAME}（另一位）投诉")
    actions.add_note(studio["manager"], twin.id, f"{NAME}来电")
    drafts.save(studio["service"], {"phone": "13700001234", "customer_name": NAME})
    privacy.erase_customer(studio["manager"], lin["customer"].id, attachments=False)
    twin = Complaint.get_by_id(twin.id)
    assert twin.customer.name == NAME and twin.description.startswith(NAME)
    assert twin.notes.get().text == f"{NAME}来电" and drafts.load(studio["service"]) is not None
    assert drafts.load(studio["front"]) is None, "the draft with her phone is gone"
    assert PHONE not in everything_stored() and WECHAT not in everything_stored()
