"""Time-driven rules: overdue first assessments are listed for the manager; valid complaints open for
30 days become 重大 once, audited as the system's change, unless the manager overrode the severity."""

from __future__ import annotations

from datetime import datetime, timedelta

from studio_desk import clock
from studio_desk.db import refuse_writes
from studio_desk.models import AuditEvent, Complaint
from studio_desk.services import actions
from studio_desk.services.escalation import apply_time_rules, awaiting_assessment
from studio_desk.services.intake import register_complaint

T0 = datetime(2026, 10, 12, 10, 0)


def _register(user, category, phone="13800000001"):
    return register_complaint(user, {"phone": phone, "customer_name": "周女士", "chain_step": "retouch",
                                     "category_id": category(), "description": "修图太假"})


def test_unassessed_after_24_hours_is_escalated(studio, category):
    with clock.frozen(T0):
        late = _register(studio["front"], category)
    with clock.frozen(T0 + timedelta(hours=20)):
        fresh = _register(studio["front"], category, "13800000002")
        assert awaiting_assessment() == []
    with clock.frozen(T0 + timedelta(hours=25)):
        assert [c.case_no for c in awaiting_assessment()] == [late.case_no]
        assert fresh.case_no not in [c.case_no for c in awaiting_assessment()]


def test_valid_case_open_30_days_becomes_major_once(studio, category, department):
    manager = studio["manager"]
    with clock.frozen(T0):
        case = _register(studio["front"], category)
        case = actions.start_investigation(manager, case.id, case.version)
        case = actions.assess(manager, case.id, case.version, validity="valid", cause="修图失误",
                              department=department())
    assert case.severity == "ordinary"
    with clock.frozen(T0 + timedelta(days=29)):
        assert apply_time_rules().raised == []
    with clock.frozen(T0 + timedelta(days=31)):
        assert apply_time_rules().raised == [case.case_no]
        assert apply_time_rules().raised == []
    case = Complaint.get_by_id(case.id)
    assert case.severity == "major" and case.severity_reasons[0] == "因本店原因 31 天仍未解决"
    assert case.temp_measure_due is not None  # a 重大 case gets the 8-working-hour measure deadline
    event = AuditEvent.select().where((AuditEvent.case == case.id) & (AuditEvent.action == "severity")).get()
    assert event.user is None and event.details["automatic"] is True


def test_time_rules_wait_while_writes_are_refused(studio, category, department):
    manager = studio["manager"]
    with clock.frozen(T0):
        case = _register(studio["front"], category)
        case = actions.start_investigation(manager, case.id, case.version)
        actions.assess(manager, case.id, case.version, validity="valid", cause="修图失误", department=department())
    refuse_writes("数据库已损坏，暂停保存。")  # after a failed integrity check
    try:
        with clock.frozen(T0 + timedelta(days=31)):
            assert apply_time_rules().raised == []  # the status bar's refresh must not fail on it
    finally:
        refuse_writes(None)
    with clock.frozen(T0 + timedelta(days=31)):
        assert apply_time_rules().raised == [case.case_no]  # and runs once writes are allowed again


def test_override_and_invalid_cases_are_left_alone(studio, category, department):
    manager = studio["manager"]
    with clock.frozen(T0):
        kept = _register(studio["front"], category)
        kept = actions.start_investigation(manager, kept.id, kept.version)
        kept = actions.assess(manager, kept.id, kept.version, validity="valid", cause="x", department=department())
        kept = actions.set_severity(manager, kept.id, kept.version, "important", "店长判断不必升级")
        assisted = _register(studio["front"], category, "13800000003")
        assisted = actions.start_investigation(manager, assisted.id, assisted.version)
        actions.assess(manager, assisted.id, assisted.version, validity="assist", cause="外部原因",
                       department=department())
    with clock.frozen(T0 + timedelta(days=40)):
        assert apply_time_rules().raised == []
