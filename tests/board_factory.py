"""Cases in every stage, made through the real services, for the search and board tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import count
from typing import Any

from studio_desk import clock, deadlines, settings
from studio_desk.models import Category, Complaint, Department
from studio_desk.search import BoardFilters, CaseRow, board_page
from studio_desk.services import actions
from studio_desk.services.intake import register_complaint
from studio_desk.vocab import STAGE_CODES

_phones = count(13800000001)


def register(user, **data: Any) -> Complaint:
    """A walk-in complaint with sensible defaults; any intake field can be overridden."""
    values = {
        "channel": "walk_in",
        "phone": str(next(_phones)),
        "customer_name": "张三",
        "chain_step": "retouch",
        "category_id": Category.get(Category.name == "修图质量").id,
        "description": "照片修得太假，脸都变形了",
    }
    values.update(data)
    return register_complaint(user, values)


def advance(case: Complaint, stage: str, people: dict, *, department: str = "数码后期", staff: int | None = None,
            compensation: str = "0") -> Complaint:
    """Move ``case`` forward through the services until it reaches ``stage`` (审批 needs a big ``compensation``)."""
    manager = people["manager"]
    while case.stage != stage:
        if case.stage == "registered":
            case = actions.start_investigation(people["front"], case.id, case.version)
        elif case.stage == "investigating":
            dep = Department.get(Department.name == department).id
            case = actions.assess(manager, case.id, case.version, validity="valid", cause="修图师处理过度",
                                  department=dep, responsible_staff=staff)
        elif case.stage == "remedy":
            lines = [{"kind": "refund", "description": "退款", "amount": compensation}] if compensation != "0" else []
            case = actions.propose_remedy(manager, case.id, case.version, remedy_type="reretouch",
                                          remedy_plan="免费重新修图", compensation_lines=lines)
        elif case.stage == "approval":
            case = actions.approve(people["exec"], case.id, case.version, "同意")
        elif case.stage == "implementing":
            case = actions.record_implementation(manager, case.id, case.version, customer_accepted=True)
        elif case.stage == "follow_up":
            with follow_up_day(case):
                case = actions.record_follow_up(people["service"], case.id, case.version, reached=True,
                                                satisfied=True, then="close")
        else:
            raise AssertionError(f"cannot advance a {case.stage} case to {stage}")
    return case


@contextmanager
def follow_up_day(case: Complaint) -> Iterator[datetime]:
    """The clock on the first day the case's follow-up call may be recorded (回访, from day 5 after
    carrying out), unless it is later already; yields that moment."""
    at = clock.now()
    if case.implemented_at is not None:
        at = max(at, deadlines.follow_up_opens(case.implemented_at, settings.get_all()))
    with clock.frozen(at):
        yield at


def carried_out_days_ago(people: dict, days: int = 5, **data: Any) -> Complaint:
    """A case whose whole history lies ``days`` back, up to its carrying-out: its follow-up call
    (回访, from day 5) may be recorded now."""
    with clock.frozen(clock.now() - timedelta(days=days)):
        return advance(register(people["front"], **data), "follow_up", people)


def all_cards(filters: BoardFilters, now, *, user=None) -> list[CaseRow]:
    """Every card of the board, column by column (the board itself loads them a page at a time)."""
    return [row for stage in STAGE_CODES for row in board_page(filters, now, stage, limit=None, user=user)]
