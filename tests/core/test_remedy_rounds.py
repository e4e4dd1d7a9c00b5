"""What was paid stays paid: a remedy carried out, an unsatisfied follow-up back to 方案 and a
second remedy keep both rounds' lines, approvals and carrying-out, and count all of them — in
the case's 补偿合计, the statistics and the monthly report."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from studio_desk import clock
from studio_desk.models import ApprovalDecision, CompensationLine, Complaint
from studio_desk.reports.monthly_data import monthly_data
from studio_desk.search import BoardFilters
from studio_desk.services import actions
from studio_desk.services.cases import move_case
from studio_desk.stats import compute
from tests.board_factory import advance, register
from tests.conftest import T0

FIRST = [
    {"kind": "refund", "description": "退部分款", "amount": "600"},
    {"kind": "remake_album", "description": "重做相册", "amount": "380.50"},
]


def two_rounds(people) -> Complaint:
    manager, service = people["manager"], people["service"]
    with clock.frozen(T0):
        case = advance(register(people["front"]), "remedy", people)
        case = actions.propose_remedy(
            manager, case.id, case.version, remedy_type="refund", remedy_plan="退款并重做相册", compensation_lines=FIRST
        )
        assert case.stage == "approval"  # 980.50 is over the manager's 500
        case = actions.approve(people["exec"], case.id, case.version, "同意")
        case = actions.record_implementation(manager, case.id, case.version, customer_accepted=True)
    with clock.frozen(T0 + timedelta(days=5)):
        case = actions.record_follow_up(
            service, case.id, case.version, reached=True, satisfied=False, comments="相册还是不满意", then="remedy"
        )
        assert case.stage == "remedy"
        case = actions.propose_remedy(
            manager,
            case.id,
            case.version,
            remedy_type="gift",
            remedy_plan="再送一本小相册",
            compensation_lines=[{"kind": "gift", "description": "小相册", "amount": "200"}],
        )
    with clock.frozen(T0 + timedelta(days=6)):
        if case.stage == "approval":
            case = actions.approve(people["exec"], case.id, case.version, "同意")
        case = actions.record_implementation(manager, case.id, case.version, customer_accepted=True)
    with clock.frozen(T0 + timedelta(days=12)):
        return actions.record_follow_up(
            service, case.id, case.version, reached=True, satisfied=True, satisfaction=4, then="close"
        )


def test_every_round_is_kept_and_counted(studio):
    case = two_rounds(studio)
    assert case.stage == "closed"
    assert case.compensation_total == Decimal("1180.50")
    lines = list(CompensationLine.select().where(CompensationLine.case == case.id).order_by(CompensationLine.id))
    assert [(line.round, line.amount) for line in lines] == [
        (1, Decimal("600.00")),
        (1, Decimal("380.50")),
        (2, Decimal("200.00")),
    ]
    assert all(line.carried_out_at is not None for line in lines)
    assert [d.approved for d in ApprovalDecision.select().where(ApprovalDecision.case == case.id)][0] is True
    with clock.frozen(T0 + timedelta(days=12)):
        figures = compute(BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 12, 31)))
        month = monthly_data(studio["manager"], "2026-11", clock.now())
    assert figures["totals"]["compensation_total"] == "1180.50"
    assert month.figures["totals"]["compensation_total"] == "1180.50"


def test_a_new_proposal_replaces_only_the_round_not_yet_carried_out(studio):
    manager = studio["manager"]
    with clock.frozen(T0):
        case = advance(register(studio["front"]), "remedy", studio)
        case = actions.propose_remedy(
            manager,
            case.id,
            case.version,
            remedy_type="gift",
            remedy_plan="送相框",
            compensation_lines=[{"kind": "gift", "description": "相框", "amount": "100"}],
        )
        case = actions.record_implementation(manager, case.id, case.version, customer_accepted=True)
        case = move_case(manager, case.id, "implementing", case.version, {"reason": "顾客未签字"})
        # Not carried out after all: that round may still be changed, and its line is replaced.
        case = move_case(manager, case.id, "remedy", case.version, {"reason": "相框缺货"})
        case = actions.propose_remedy(
            manager,
            case.id,
            case.version,
            remedy_type="gift",
            remedy_plan="送台历",
            compensation_lines=[{"kind": "gift", "description": "台历", "amount": "80"}],
        )
    assert case.compensation_total == Decimal("80.00")
    assert [line.description for line in CompensationLine.select().where(CompensationLine.case == case.id)] == ["台历"]


def totals_now(people) -> tuple[str, str]:
    """The 补偿金额 of the statistics tab and of the monthly report, at the clock's moment."""
    figures = compute(BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)))
    month = monthly_data(people["manager"], "2026-11", clock.now())
    return figures["totals"]["compensation_total"], month.figures["totals"]["compensation_total"]


def test_money_paid_counts_while_the_case_is_back_in_remedy_and_approval(studio):
    """600 + 380.50 carried out, 回访 不满意 → 方案: the paid 980.50 counts at once; the new 200 counts
    once its round is carried out (实施), as a first round's money does."""
    manager = studio["manager"]
    with clock.frozen(T0):
        case = advance(register(studio["front"]), "remedy", studio)
        case = actions.propose_remedy(
            manager, case.id, case.version, remedy_type="refund", remedy_plan="退款并重做相册", compensation_lines=FIRST
        )
        assert totals_now(studio) == ("0.00", "0.00")  # proposed, awaiting approval: nothing paid yet
        case = actions.approve(studio["exec"], case.id, case.version, "同意")
        assert totals_now(studio) == ("980.50", "980.50")
        case = actions.record_implementation(manager, case.id, case.version, customer_accepted=True)
    with clock.frozen(T0 + timedelta(days=5)):
        case = actions.record_follow_up(
            studio["service"], case.id, case.version, reached=True, satisfied=False, then="remedy"
        )
        assert case.stage == "remedy" and totals_now(studio) == ("980.50", "980.50")
        case = actions.propose_remedy(
            manager,
            case.id,
            case.version,
            remedy_type="refund",
            remedy_plan="再退一部分",
            compensation_lines=[{"kind": "refund", "description": "退款", "amount": "200"}],
        )
        assert case.stage == "approval" and totals_now(studio) == ("980.50", "980.50")
        case = actions.approve(studio["exec"], case.id, case.version, "同意")
        assert totals_now(studio) == ("1180.50", "1180.50")


def test_a_case_moved_back_from_follow_up_to_implementing_counts_its_round_once(studio):
    """Carried out, then back to 实施 (the customer had not signed): that round is not paid yet, but
    the case is in 实施, so its money counts as any case's in 实施 does — once."""
    with clock.frozen(T0):
        case = advance(register(studio["front"]), "follow_up", studio, compensation="300")
        case = actions.move_back(studio["manager"], case.id, case.version, "implementing", "顾客未签字")
        assert totals_now(studio) == ("300.00", "300.00")
        actions.move_back(studio["manager"], case.id, case.version, "remedy", "方案要改")
        assert totals_now(studio) == ("0.00", "0.00")  # never carried out: nothing was paid


def test_the_register_says_which_lines_were_paid(studio, tmp_path):
    """Back in 方案, a new 300 proposed and waiting in 审批: the register's 补偿明细 gives each line its round and
    carrying-out time, and the lines carried out add up to the statistics' 补偿金额."""
    from openpyxl import load_workbook

    from studio_desk.exports.register_xlsx import export_register

    manager = studio["manager"]
    with clock.frozen(T0):
        case = advance(register(studio["front"]), "follow_up", studio, compensation="300")
    with clock.frozen(T0 + timedelta(days=5)):
        case = actions.record_follow_up(
            studio["service"], case.id, case.version, reached=True, satisfied=False, then="remedy"
        )
        case = actions.propose_remedy(
            manager,
            case.id,
            case.version,
            remedy_type="gift",
            remedy_plan="再送相框",
            compensation_lines=[{"kind": "gift", "description": "相框", "amount": "300"}],
        )
        assert case.stage == "approval"  # 600 in all is over the manager's 500
        path = export_register(manager, tmp_path / "register.xlsx")
        statistics, _report = totals_now(studio)
    lines = [row[3:] for row in load_workbook(path)["补偿明细"].iter_rows(min_row=3, values_only=True)]
    assert lines == [(300, 1, T0), (300, 2, None)]
    assert statistics == "300.00" == f"{sum(amount for amount, _round, paid in lines if paid):.2f}"
