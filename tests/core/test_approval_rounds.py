"""A reworked remedy starts without a decision: sent back, moved back from 实施 or 回访, or
proposed anew in 方案, the case shows 待审批 or 无需审批 for the new proposal — never the earlier
已批准 with its note, approver and time, which stay in the approval history and the timeline."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from studio_desk import clock
from studio_desk.errors import TransitionRefused
from studio_desk.exports.case_sheet import write_case_sheet
from studio_desk.exports.register_values import Lookups, register_values
from studio_desk.models import ApprovalDecision, Complaint
from studio_desk.reports.daily_data import daily_summary
from studio_desk.services import actions
from studio_desk.services.cases import move_case
from tests.board_factory import advance, register
from tests.conftest import T0
from tests.core.casekit import events, reload
from tests.core.exportkit import pdf_pages

NO_DECISION = ("not_needed", None, None, "")


@pytest.fixture
def people(studio, frozen_now):
    return studio


def decision(case: Complaint) -> tuple:
    case = reload(case)
    return case.approval_state, case.approved_by_id, case.approved_at, case.approval_note


def approved_800(people, note: str = "同意退款") -> Complaint:
    case = advance(register(people["front"]), "approval", people, compensation="800")
    return actions.approve(people["exec"], case.id, case.version, note)


def test_moved_back_from_implementing_the_approval_is_history(people):
    case = approved_800(people)
    assert decision(case)[::3] == ("approved", "同意退款")
    case = actions.move_back(people["manager"], case.id, case.version, "remedy", "顾客改要重拍")
    assert decision(case) == NO_DECISION
    values = register_values(reload(case), Lookups.load())
    assert (values["approval_state"], values["approved_by"], values["approved_at"], values["approval_note"]) == (
        "无需审批",
        None,
        None,
        None,
    )
    # The earlier decision stays where history is kept.
    assert [d.approved for d in ApprovalDecision.select().where(ApprovalDecision.case == case.id)] == [True]
    back = events(case.id)[-1]
    assert back.details["changes"]["approval_state"] == ["approved", "not_needed"]
    assert back.details["changes"]["approval_note"] == ["同意退款", ""]


def test_a_new_proposal_in_remedy_is_not_covered_by_an_earlier_approval(people):
    case = approved_800(people)
    case = actions.move_back(people["manager"], case.id, case.version, "remedy", "补充方案")
    # The 审批 guard looks at this round only, also for a case left 已批准 in 方案 by an older version.
    Complaint.update(approval_state="approved", approved_by=people["exec"].id).where(Complaint.id == case.id).execute()
    case = reload(case)
    lines = [{"kind": "refund", "amount": "800"}]
    with pytest.raises(TransitionRefused) as refused:
        move_case(
            people["manager"],
            case.id,
            "implementing",
            case.version,
            {"remedy_type": "refund", "remedy_plan": "退款", "compensation_lines": lines},
        )
    assert refused.value.missing == ["approval"]
    case = actions.propose_remedy(
        people["manager"], case.id, case.version, remedy_type="refund", remedy_plan="退款", compensation_lines=lines
    )
    assert (case.stage, *decision(case)) == ("approval", "pending", None, None, "")


def test_unsatisfied_follow_up_back_to_remedy_then_a_round_needing_no_approval(people):
    manager = people["manager"]
    with clock.frozen(T0):
        case = advance(register(people["front"]), "remedy", people)
        case = actions.set_severity(manager, case.id, case.version, "major", "顾客扬言曝光")
        case = actions.propose_remedy(
            manager,
            case.id,
            case.version,
            remedy_type="refund",
            remedy_plan="退款",
            compensation_lines=[{"kind": "refund", "amount": "100"}],
        )
        case = actions.approve(people["exec"], case.id, case.version, "同意先行赔付")
        case = actions.record_implementation(manager, case.id, case.version, customer_accepted=True)
    with clock.frozen(T0 + timedelta(days=5)):
        case = actions.record_follow_up(
            people["service"],
            case.id,
            case.version,
            reached=True,
            satisfied=False,
            comments="还是不满意",
            then="remedy",
        )
        assert (case.stage, *decision(case)) == ("remedy", *NO_DECISION)
        case = actions.set_severity(manager, case.id, case.version, "ordinary", "顾客已平静，撤回曝光")
        # Within the limit and no longer 重大: this round needs no approval, and shows none from the last.
        case = actions.propose_remedy(
            manager, case.id, case.version, remedy_type="gift", remedy_plan="送小相册", compensation_lines=[]
        )
        assert (case.stage, *decision(case)) == ("implementing", *NO_DECISION)


def second_round_pending(people, first_note: str) -> Complaint:
    """800 approved on T0 with ``first_note`` and carried out; on day 5 回访 不满意 and 200 more proposed."""
    manager = people["manager"]
    with clock.frozen(T0):
        case = approved_800(people, first_note)
        case = actions.record_implementation(manager, case.id, case.version, customer_accepted=True)
    with clock.frozen(T0 + timedelta(days=5)):
        case = actions.record_follow_up(
            people["service"], case.id, case.version, reached=True, satisfied=False, then="remedy"
        )
        return actions.propose_remedy(
            manager,
            case.id,
            case.version,
            remedy_type="gift",
            remedy_plan="送小相册",
            compensation_lines=[{"kind": "gift", "amount": "200"}],
        )


def test_second_round_above_the_limit_is_pending_then_decided_anew(people):
    exec_ = people["exec"]
    case = second_round_pending(people, "同意退款")
    assert (case.stage, *decision(case)) == ("approval", "pending", None, None, "")  # 1,000 元 in all
    with clock.frozen(T0 + timedelta(days=6)):
        case = actions.approve(exec_, case.id, case.version, "")
    assert decision(case) == ("approved", exec_.id, T0 + timedelta(days=6), "")  # not the first round's note
    rounds = ApprovalDecision.select().where(ApprovalDecision.case == case.id).order_by(ApprovalDecision.id)
    assert [(d.decided_at, d.reason) for d in rounds] == [(T0, "同意退款"), (T0 + timedelta(days=6), "")]


def test_send_back_shows_who_sent_it_back_and_the_next_proposal_starts_clean(people, frozen_now):
    manager, exec_ = people["manager"], people["exec"]
    case = approved_800(people)
    case = actions.move_back(manager, case.id, case.version, "remedy", "顾客要全额退款")
    case = actions.propose_remedy(
        manager,
        case.id,
        case.version,
        remedy_type="refund",
        remedy_plan="全额退款",
        compensation_lines=[{"kind": "refund", "amount": "3000"}],
    )
    with clock.frozen(frozen_now + timedelta(hours=2)):
        case = actions.send_back(exec_, case.id, case.version, "金额过高")
    assert decision(case) == ("sent_back", exec_.id, frozen_now + timedelta(hours=2), "金额过高")
    case = actions.propose_remedy(
        manager,
        case.id,
        case.version,
        remedy_type="refund",
        remedy_plan="退一半",
        compensation_lines=[{"kind": "refund", "amount": "1500"}],
    )
    assert (case.stage, *decision(case)) == ("approval", "pending", None, None, "")


def test_case_sheet_shows_the_current_round_and_lists_the_earlier_decision(people, tmp_path):
    case = approved_800(people)
    case = actions.move_back(people["manager"], case.id, case.version, "remedy", "顾客改要重拍")
    text = re.sub(r"\s+", "", "".join(pdf_pages(write_case_sheet(people["manager"], case.id, tmp_path / "s.pdf"))))
    section = text[text.index("五、审批") : text.index("六、")]
    assert "审批状态无需审批" in section
    assert "已批准" not in section  # the field; the decisions table below says 批准
    assert "批准800.00元同意退款" in section


def test_the_daily_summary_gives_each_approval_its_own_note(people):
    case = second_round_pending(people, "")
    with clock.frozen(T0 + timedelta(days=5)):
        actions.approve(people["exec"], case.id, case.version, "同意补送")
    first_day = daily_summary(T0.date(), T0 + timedelta(days=6), with_penalties=False)
    assert [(d["kind"], d["text"]) for d in first_day.decisions if d["kind"] == "批准"] == [("批准", "")]
