"""The stage guards, through the services: each one refusing (Chinese reason, ``missing`` codes)
and allowing, approval rules, send-back, follow-up outcomes, backward moves and reopening."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from studio_desk import clock, workflow
from studio_desk.errors import DomainError, PermissionDenied, TransitionRefused
from studio_desk.models import ApprovalDecision, Complaint
from studio_desk.services import actions
from studio_desk.services.cases import move_case, update_case
from tests.board_factory import advance, carried_out_days_ago, register
from tests.core.casekit import events, reload


@pytest.fixture
def people(studio, frozen_now):
    return studio


def refused(call, *args, **kwargs) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as info:
        call(*args, **kwargs)
    return info.value


def assert_unchanged(case: Complaint) -> None:
    """A refused move leaves the row and the audit trail as they were."""
    now = reload(case)
    assert (now.stage, now.version) == (case.stage, case.version)
    assert len(events(case.id)) == case.version


# --- moves the workflow does not know ------------------------------------------------------------

def test_skipping_stages_is_refused_with_a_chinese_reason(people):
    case = register(people["front"])
    err = refused(move_case, people["manager"], case.id, "remedy", case.version)
    assert err.message == "不能从“受理”直接移到“方案”。"
    assert err.missing == []
    assert_unchanged(case)


def test_receptionist_starts_the_investigation(people):
    case = register(people["front"])
    case = actions.start_investigation(people["front"], case.case_no, case.version)
    assert case.stage == "investigating"
    assert case.version == 2


# --- 调查 → 方案 ----------------------------------------------------------------------------------

def test_remedy_needs_validity_cause_and_department(people):
    case = advance(register(people["front"]), "investigating", people)
    err = refused(move_case, people["manager"], case.id, "remedy", case.version)
    assert err.missing == ["validity", "cause", "department"]
    assert err.message.startswith("不能从“调查”移到“方案”：")
    assert "请先评估投诉是否有效" in err.message and "请填写原因分析" in err.message
    assert "请指定责任部门" in err.message
    assert_unchanged(case)


def test_remedy_needs_only_what_is_still_missing(people, department):
    case = advance(register(people["front"]), "investigating", people)
    err = refused(actions.assess, people["manager"], case.id, case.version, validity="valid", cause="修图过度")
    assert err.missing == ["department"]


def test_assessment_moves_to_remedy_and_records_who_assessed(people, department, frozen_now):
    case = advance(register(people["front"]), "investigating", people)
    case = actions.assess(people["manager"], case.id, case.version, validity="assist", cause="外景天气原因",
                          solvability="soon", department=department("摄影"))
    assert case.stage == "remedy"
    assert case.assessed_at == frozen_now
    assert case.assessed_by_id == people["manager"].id
    assert case.department.name == "摄影"


def test_invalid_complaint_cannot_go_to_remedy(people, department):
    case = advance(register(people["front"]), "investigating", people)
    err = refused(move_case, people["manager"], case.id, "remedy", case.version,
                  {"validity": "invalid", "cause": "顾客误会", "department": department()})
    assert err.missing == ["validity"]
    assert "无效投诉不能进入方案" in err.message


# --- 无效投诉结案 -----------------------------------------------------------------------------------

def test_invalid_complaint_closes_only_with_the_explanation(people):
    case = advance(register(people["front"]), "investigating", people)
    err = refused(actions.assess, people["manager"], case.id, case.version, validity="invalid")
    assert err.missing == ["invalid_explanation"]
    assert "请填写向顾客所作的解释" in err.message
    case = actions.assess(people["manager"], case.id, case.version, validity="invalid",
                          invalid_explanation="合同约定外景为赠送项目，已向顾客耐心说明")
    assert case.stage == "closed"
    assert case.closed_at is not None
    assert case.close_reason == "合同约定外景为赠送项目，已向顾客耐心说明"


def test_valid_complaint_cannot_be_closed_from_investigation(people):
    case = advance(register(people["front"]), "investigating", people)
    err = refused(move_case, people["manager"], case.id, "closed", case.version,
                  {"validity": "valid", "invalid_explanation": "说明"})
    assert err.missing == ["validity"]
    assert "只有评估为“无效”的投诉" in err.message


# --- 方案 → 审批 / 实施 -----------------------------------------------------------------------------

def test_remedy_needs_type_and_plan(people):
    case = advance(register(people["front"]), "remedy", people)
    err = refused(move_case, people["manager"], case.id, "implementing", case.version)
    assert err.missing == ["remedy_type", "remedy_plan"]
    assert "请选择处理方式" in err.message


def test_remedy_within_the_limit_goes_straight_to_implementing(people):
    case = advance(register(people["front"]), "remedy", people)
    case = actions.propose_remedy(people["service"], case.id, case.version, remedy_type="discount",
                                  remedy_plan="相册八折", compensation_lines=[{"kind": "discount", "amount": "500.00"}])
    assert case.stage == "implementing"
    assert case.approval_state == "not_needed"
    assert case.compensation_total == Decimal("500.00")


@pytest.mark.parametrize("why", ["above_limit", "beyond_terms", "major"])
def test_approval_is_required(people, why):
    case = register(people["front"], beyond_terms=why == "beyond_terms", safety_issue=why == "major")
    case = advance(case, "remedy", people)
    amount = "500.01" if why == "above_limit" else "100"
    lines = [{"kind": "refund", "amount": amount}]
    err = refused(move_case, people["manager"], case.id, "implementing", case.version,
                  {"remedy_type": "refund", "remedy_plan": "部分退款", "compensation_lines": lines})
    assert err.missing == ["approval"]
    assert "此方案需要审批" in err.message
    case = actions.propose_remedy(people["manager"], case.id, case.version, remedy_type="refund",
                                  remedy_plan="部分退款", compensation_lines=lines)
    assert (case.stage, case.approval_state) == ("approval", "pending")


@pytest.mark.parametrize("role", ["front", "service", "admin"])
def test_only_manager_or_executive_approve(people, role):
    case = advance(register(people["front"], safety_issue=True), "approval", people, compensation="100")
    with pytest.raises(PermissionDenied, match="无权审批"):
        actions.approve(people[role], case.id, case.version)
    with pytest.raises(PermissionDenied):
        actions.send_back(people[role], case.id, case.version, "金额太高")
    assert_unchanged(case)


def test_manager_approves_a_major_case_within_the_limit(people, frozen_now):
    case = advance(register(people["front"], safety_issue=True), "approval", people, compensation="300")
    case = actions.approve(people["manager"], case.id, case.version, "同意先行赔付")
    assert (case.stage, case.approval_state) == ("implementing", "approved")
    assert (case.approved_by_id, case.approved_at) == (people["manager"].id, frozen_now)
    decision = ApprovalDecision.get(ApprovalDecision.case == case.id)
    assert decision.approved and decision.amount == Decimal("300.00")
    assert events(case.id)[-1].action == "approve"


def test_above_the_limit_only_the_executive_approves(people):
    case = advance(register(people["front"]), "approval", people, compensation="2000")
    with pytest.raises(PermissionDenied, match="需要执行经理批准"):
        actions.approve(people["manager"], case.id, case.version)
    assert_unchanged(case)
    case = actions.approve(people["exec"], case.id, case.version, "同意")
    assert (case.stage, case.approval_state, case.approved_by_id) == ("implementing", "approved", people["exec"].id)


def test_send_back_needs_a_reason_and_then_approval_again(people):
    case = advance(register(people["front"]), "approval", people, compensation="2000")
    err = refused(actions.send_back, people["manager"], case.id, case.version, "")
    assert err.missing == ["reason"]
    case = actions.send_back(people["manager"], case.id, case.version, "金额超出惯例，请重新协商")
    assert (case.stage, case.approval_state) == ("remedy", "sent_back")
    decision = ApprovalDecision.get(ApprovalDecision.case == case.id)
    assert not decision.approved and decision.reason == "金额超出惯例，请重新协商"
    assert events(case.id)[-1].action == "send_back"
    # Still above the limit: it cannot skip the approval it was sent back from.
    err = refused(move_case, people["manager"], case.id, "implementing", case.version)
    assert err.missing == ["approval"]


def test_a_new_amount_after_approval_needs_a_new_approval(people):
    case = advance(register(people["front"]), "implementing", people, compensation="800")
    assert case.approval_state == "approved"
    case = actions.move_back(people["manager"], case.id, case.version, "remedy", "顾客改要全额退款")
    err = refused(move_case, people["manager"], case.id, "implementing", case.version,
                  {"compensation_lines": [{"kind": "refund", "amount": "5000"}]})
    assert err.missing == ["approval"]
    case = actions.propose_remedy(people["manager"], case.id, case.version, remedy_type="refund",
                                  remedy_plan="全额退款", compensation_lines=[{"kind": "refund", "amount": "5000"}])
    assert (case.stage, case.approval_state) == ("approval", "pending")


def test_a_reworked_remedy_needs_approval_again_even_for_the_same_amount(people):
    case = advance(register(people["front"]), "implementing", people, compensation="800")
    case = actions.move_back(people["manager"], case.id, case.version, "remedy", "补充方案说明")
    case = actions.propose_remedy(people["manager"], case.id, case.version, remedy_type="refund",
                                  remedy_plan="退款并重修", compensation_lines=[{"kind": "refund", "amount": "800"}])
    assert (case.stage, case.approval_state, case.approved_by_id) == ("approval", "pending", None)


def test_compensation_cannot_grow_past_the_approval_while_implementing(people):
    case = advance(register(people["front"]), "implementing", people, compensation="800")
    with pytest.raises(DomainError, match="审批"):
        update_case(people["manager"], case.id, case.version,
                    {"compensation_lines": [{"kind": "refund", "amount": "900"}]})
    assert_unchanged(case)


# --- 实施 → 回访 → 结案 -----------------------------------------------------------------------------

def test_follow_up_needs_the_customers_acceptance(people, frozen_now):
    case = advance(register(people["front"]), "implementing", people)
    err = refused(actions.record_implementation, people["manager"], case.id, case.version, customer_accepted=False)
    assert err.missing == ["customer_accepted"]
    assert "请先记录顾客已确认接受处理结果" in err.message
    case = actions.record_implementation(people["manager"], case.id, case.version, customer_accepted=True,
                                         note="已签字")
    assert (case.stage, case.implemented_at, case.acceptance_note) == ("follow_up", frozen_now, "已签字")


def test_carried_out_again_needs_the_customers_acceptance_again(people):
    case = carried_out_days_ago(people)
    case = actions.move_back(people["manager"], case.id, case.version, "implementing", "相册印错，需重新制作")
    assert not case.customer_accepted
    err = refused(move_case, people["service"], case.id, "follow_up", case.version)
    assert err.missing == ["customer_accepted"]


def test_no_close_without_a_follow_up_result(people):
    case = carried_out_days_ago(people)
    err = refused(actions.close_case, people["manager"], case.id, case.version)
    assert err.missing == ["follow_up_result"]
    assert "请先记录回访结果" in err.message


def test_satisfied_follow_up_closes(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=True,
                                    satisfaction=5, comments="很满意 👍")
    assert (case.follow_up_result, case.satisfaction) == ("satisfied", 5)
    case = actions.close_case(people["service"], case.id, case.version)
    assert case.stage == "closed"


def test_unreachable_closes_only_after_n_attempts_with_a_reason(people):
    case = carried_out_days_ago(people)
    for _ in range(2):
        case = actions.record_follow_up(people["service"], case.id, case.version, reached=False, comments="无人接听")
        assert refused(actions.close_case, people["manager"], case.id, case.version).missing == ["follow_up_result"]
    case = actions.record_follow_up(people["service"], case.id, case.version, reached=False, comments="关机")
    assert case.follow_up_result == "unreachable"
    err = refused(actions.close_case, people["manager"], case.id, case.version)
    assert err.missing == ["close_reason"]
    assert "客户无法联系" in err.message
    case = actions.close_case(people["manager"], case.id, case.version, "三次回访均无法联系，已短信告知")
    assert (case.stage, case.close_reason) == ("closed", "三次回访均无法联系，已短信告知")


def test_unsatisfied_follow_up_cannot_close(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=False)
    assert refused(actions.close_case, people["manager"], case.id, case.version).missing == ["follow_up_result"]


def test_unsatisfied_follow_up_goes_back_to_remedy(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=False,
                                    comments="重修后仍不满意", then="remedy")
    assert case.stage == "remedy"
    assert (case.customer_accepted, case.follow_up_result) == (False, "")
    last = events(case.id)[-1]
    assert last.details["kind"] == "retry" and last.details["reason"] == "重修后仍不满意"


def test_unsatisfied_follow_up_opens_a_linked_repeat_complaint(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(people["manager"], case.id, case.version, reached=True, satisfied=False,
                                    comments="要求退款", then="repeat")
    assert (case.stage, case.follow_up_result) == ("closed", "repeat_opened")
    repeat = Complaint.get(Complaint.previous_case == case.id)
    assert repeat.is_repeat and repeat.stage == "registered"
    assert repeat.customer_id == case.customer_id
    assert repeat.case_no in case.close_reason
    assert repeat.severity == "important"
    assert any("二次投诉" in reason for reason in repeat.severity_reasons)
    assert events(case.id, "linked_repeat")[0].details["repeat"] == repeat.case_no


def test_a_repeat_opened_long_after_the_first_complaint_is_still_a_repeat(people, frozen_now):
    with clock.frozen(frozen_now - timedelta(days=120)):
        case = carried_out_days_ago(people)
    case = actions.record_follow_up(people["manager"], case.id, case.version, reached=True, satisfied=False,
                                    then="repeat")
    repeat = Complaint.get(Complaint.previous_case == case.id)
    assert repeat.is_repeat
    assert (repeat.severity, repeat.severity_reasons) == ("important", ["同一顾客再次投诉（二次投诉）"])


def test_retry_without_an_unsatisfied_result_needs_a_reason(people):
    case = carried_out_days_ago(people)
    err = refused(move_case, people["manager"], case.id, "remedy", case.version)
    assert err.missing == ["reason"]


def test_then_remedy_after_a_satisfied_call_is_refused(people):
    case = carried_out_days_ago(people)
    with pytest.raises(DomainError, match="只有顾客不满意时"):
        actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=True, then="remedy")
    assert_unchanged(case)


# --- backward moves and reopening ---------------------------------------------------------------

BACK = [("investigating", "registered"), ("remedy", "investigating"), ("implementing", "remedy"),
        ("follow_up", "implementing")]


@pytest.mark.parametrize(("source", "target"), BACK)
def test_backward_moves_need_a_reason_and_are_audited(people, source, target):
    case = advance(register(people["front"]), source, people)
    err = refused(actions.move_back, people["manager"], case.id, case.version, target, "  ")
    assert err.missing == ["reason"]
    assert "请填写原因" in err.message
    with pytest.raises(PermissionDenied):
        actions.move_back(people["front"], case.id, case.version, target, "填错了")
    case = actions.move_back(people["manager"], case.id, case.version, target, "信息有误，退回重新处理")
    assert case.stage == target
    event = events(case.id)[-1]
    assert event.user_id == people["manager"].id
    assert event.details["kind"] == "back"
    assert event.details["reason"] == "信息有误，退回重新处理"
    assert event.details["changes"]["stage"] == [source, target]


def test_reopen_needs_a_reason_and_a_manager(people):
    case = advance(register(people["front"]), "closed", people)
    assert refused(actions.reopen_case, people["manager"], case.id, case.version, "").missing == ["reason"]
    with pytest.raises(PermissionDenied, match="重新打开"):
        actions.reopen_case(people["service"], case.id, case.version, "顾客又来电")
    case = actions.reopen_case(people["manager"], case.id, case.version, "顾客又来电反映问题")
    assert (case.stage, case.closed_at, case.follow_up_result) == ("follow_up", None, "")
    event = events(case.id)[-1]
    assert event.action == "reopen" and event.details["reason"] == "顾客又来电反映问题"
    # Closing again needs a new follow-up result.
    assert refused(actions.close_case, people["manager"], case.id, case.version).missing == ["follow_up_result"]


def test_a_reopened_invalid_complaint_cannot_be_retried_into_remedy(people):
    case = advance(register(people["front"]), "investigating", people)
    case = actions.assess(people["manager"], case.id, case.version, validity="invalid", invalid_explanation="已解释")
    case = actions.reopen_case(people["manager"], case.id, case.version, "顾客不接受解释")
    err = refused(move_case, people["manager"], case.id, "remedy", case.version, {"reason": "重新处理"})
    assert err.missing == ["validity", "cause", "department"]
    assert "无效投诉不能进入方案" in err.message


def test_reopened_unreachable_case_needs_a_new_close_reason(people):
    case = carried_out_days_ago(people)
    for _ in range(3):
        case = actions.record_follow_up(people["service"], case.id, case.version, reached=False)
    case = actions.close_case(people["manager"], case.id, case.version, "联系不上")
    case = actions.reopen_case(people["manager"], case.id, case.version, "顾客回电了")
    assert refused(actions.close_case, people["manager"], case.id, case.version).missing == ["close_reason"]


def test_closed_case_cannot_be_edited(people):
    case = advance(register(people["front"]), "closed", people)
    with pytest.raises(DomainError, match="已结案"):
        update_case(people["manager"], case.id, case.version, {"customer_wish": "补充诉求"})


# --- the pure pieces --------------------------------------------------------------------------------

def test_neighbours_follow_the_board_columns():
    assert workflow.neighbours("registered") == (None, "investigating")
    assert workflow.neighbours("approval") == ("remedy", "implementing")
    assert workflow.neighbours("closed") == ("follow_up", None)


def test_approval_required_pure():
    limit = Decimal("500")
    assert not workflow.approval_required({"compensation_total": Decimal("500")}, limit)
    assert workflow.approval_required({"compensation_total": Decimal("500.01")}, limit)
    assert workflow.approval_required({"beyond_terms": True}, limit)
    assert workflow.approval_required({"severity": "major"}, limit)
    assert not workflow.approval_required({"severity": "important", "compensation_total": None}, limit)


def test_every_transition_has_a_known_right_and_stage():
    from studio_desk.permissions import RIGHTS
    from studio_desk.vocab import STAGE_CODES

    for (source, target), t in workflow.TRANSITIONS.items():
        assert source in STAGE_CODES and target in STAGE_CODES
        assert t.right in RIGHTS


def test_reopening_an_invalid_complaint_investigates_it_again(studio, frozen_now):
    case = register(studio["front"])
    case = actions.start_investigation(studio["front"], case.id, case.version)
    case = actions.assess(studio["manager"], case.id, case.version, validity="invalid",
                          invalid_explanation="照片符合合同约定的风格，已向顾客解释。")
    assert case.stage == "closed"
    case = actions.reopen_case(studio["manager"], case.id, case.version, "顾客补充了新的证据")
    assert case.stage == "investigating" and case.closed_at is None


def test_severity_of_a_closed_case_cannot_change(studio, frozen_now):
    case = advance(register(studio["front"]), "closed", studio)
    with pytest.raises(DomainError, match="已结案"):
        actions.set_severity(studio["manager"], case.id, case.version, "major", "补记")
