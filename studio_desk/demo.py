"""A realistic demo database: users of every role, departments and staff, customers and N
complaints over the last 12 months in every stage, with repeats, approvals, follow-ups and a
few overdue cases. Deterministic for a given seed and day.

Rows are generated in Python and written with bulk inserts (not one service call per case),
so 100,000 cases take seconds; their fields follow the same rules the services enforce.
"""

from __future__ import annotations

import random
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from peewee import CharField, DateTimeField, IntegerField, TextField

from studio_desk import clock, deadlines, settings, severity
from studio_desk.db import current_database, insert_sql, is_sqlite, write_transaction
from studio_desk.demo_text import (
    FOLLOW_UP_BAD,
    FOLLOW_UP_GOOD,
    GIVEN,
    INVALID_EXPLANATIONS,
    NOTES,
    REMEDIES,
    STAFF_NAMES,
    STORIES,
    SURNAMES,
)
from studio_desk.errors import DomainError
from studio_desk.models import (
    ApprovalDecision,
    AuditEvent,
    Category,
    CompensationLine,
    Complaint,
    Customer,
    DailyCounter,
    Department,
    FollowUp,
    Note,
    Staff,
    StaffPenalty,
    User,
)
from studio_desk.opening import open_database
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.services import users
from studio_desk.services.common import calendar
from studio_desk.services.escalation import apply_time_rules
from studio_desk.vocab import label

DEMO_STUDIO = {"studio_name": "花嫁婚纱摄影（演示）", "studio_address": "上海市静安区南京西路 1266 号",
               "studio_phone": "021-6288 6688"}
DEMO_USERS = (  # username, display name, role; password = username + "123"
    ("manager", "王店长", "manager"),
    ("front", "李前台", "receptionist"),
    ("front2", "张前台", "receptionist"),
    ("service", "赵客服", "service"),
    ("exec", "陈经理", "executive"),
    ("admin", "系统管理员", "admin"),
)
CHANNEL_WEIGHTS = {"walk_in": 40, "phone": 30, "online": 22, "letter": 4, "visit": 4}
ONLINE_DETAILS = ("微信", "大众点评", "小红书", "抖音", "美团")
BATCH = 2000
OPEN_STOPS = ("registered", "investigating", "remedy", "approval", "implementing", "follow_up")
OPEN_STOP_WEIGHTS = (3, 3, 2, 2, 2, 2)
# A case still open after weeks is waiting for a re-shoot, a re-made album or an approval — not for a call.
STUCK_STOP_WEIGHTS = (0, 1, 3, 1, 4, 0)


@dataclass
class _Ctx:
    rng: random.Random
    now: datetime
    cfg: dict[str, Any]
    users: dict[str, int]
    categories: dict[str, int]
    departments: dict[str, int]
    staff: dict[str, list[int]]


def build_demo(path: str | Path | None = None, *, url: str | None = None, cases: int = 200, seed: int = 1,
               today: date | None = None, progress: Progress = NO_PROGRESS) -> list[tuple[str, str, str]]:
    """Create the demo studio in an empty database; returns (username, password, role label) of the accounts."""
    if cases < 0 or cases > 1_000_000:
        raise DomainError("案件数量必须在 0 到 1,000,000 之间。")
    open_database(path, url)
    if not users.needs_setup():
        raise DomainError("这个数据库里已经有数据，演示数据只能建在新的空数据库里。")
    now = datetime.combine(today, time(18, 0)) if today else clock.now()
    rng = random.Random(seed)
    with clock.frozen(now - timedelta(days=400)):
        manager = users.first_run_setup(DEMO_STUDIO, {"username": "manager", "display_name": "王店长",
                                                      "password": "manager123"})
        ids = {"manager": manager.id}
        for username, name, role in DEMO_USERS[1:]:
            actor = User.get_by_id(ids["exec"]) if role == "admin" else manager
            ids[username] = users.create_user(actor, {"username": username, "display_name": name, "role": role,
                                                      "password": username + "123"}).id
    with write_transaction():
        staff = _create_staff(ids)
    ctx = _Ctx(rng, now, settings.get_all(), ids,
               {c.name: c.id for c in Category.select()}, {d.name: d.id for d in Department.select()}, staff)
    _generate(ctx, cases, progress)
    apply_time_rules(now)  # long-open valid cases are 重大, as the desk would have made them
    return [(u, u + "123", label("role", role)) for u, _, role in DEMO_USERS]


def _create_staff(user_ids: dict[str, int]) -> dict[str, list[int]]:
    staff: dict[str, list[int]] = defaultdict(list)
    for dept in Department.select():
        for name in STAFF_NAMES.get(dept.name, []):
            staff[dept.name].append(Staff.create(name=name, department=dept).id)
    return staff


def _customer_name(rng: random.Random) -> str:
    title = rng.choice(("女士", "先生", "")) if rng.random() < 0.3 else ""
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return rng.choice(SURNAMES) + (title or given)


def _received_times(ctx: _Ctx, n: int) -> list[datetime]:
    """n moments over the last 365 days, more in the spring and autumn wedding seasons."""
    season = {1: 0.6, 2: 0.5, 3: 1.1, 4: 1.4, 5: 1.5, 6: 1.0, 7: 0.8, 8: 0.9, 9: 1.3, 10: 1.6, 11: 1.2, 12: 0.8}
    days = [ctx.now.date() - timedelta(days=d) for d in range(365)]
    weights = [season[d.month] for d in days]
    picked = ctx.rng.choices(days, weights=weights, k=n)
    out = []
    for day in picked:
        moment = datetime.combine(day, time(9, 0)) + timedelta(minutes=ctx.rng.randrange(0, 11 * 60))
        out.append(min(moment, ctx.now - timedelta(minutes=ctx.rng.randrange(5, 120))))
    return sorted(out)


def _open_probability(age_days: float) -> float:
    if age_days < 3:
        return 0.9
    if age_days < 7:
        return 0.6
    if age_days < 14:
        return 0.25
    if age_days < 60:
        return 0.06
    return 0.01


def _generate(ctx: _Ctx, n: int, progress: Progress) -> None:
    rng, cal = ctx.rng, calendar()
    limit = Decimal(str(ctx.cfg["manager_approval_limit"]))
    times = _received_times(ctx, n)
    tables: dict[type, list[dict[str, Any]]] = defaultdict(list)
    customers: list[dict[str, Any]] = []
    last_case_of: dict[int, tuple[int, datetime]] = {}
    recent_customers: deque = deque()
    recent_by_category: dict[int, deque] = defaultdict(deque)
    counters: dict[str, int] = defaultdict(int)
    phones: set[str] = set()
    receivers = [ctx.users[u] for u in ("front", "front", "front2", "service", "manager")]
    for case_id, received in enumerate(times, start=1):
        customer_id = _pick_customer(ctx, customers, recent_customers, phones, received)
        recent_customers.append((customer_id, received))
        category_name = rng.choice(list(STORIES))
        steps, dept_name, stories = STORIES[category_name]
        said, wish, cause = rng.choice(stories)
        category_id = ctx.categories[category_name]
        window = recent_by_category[category_id]
        while window and window[0] < received - timedelta(days=int(ctx.cfg["hotspot_window_days"])):
            window.popleft()
        window.append(received)
        previous = last_case_of.get(customer_id)
        is_repeat = (previous is not None
                     and previous[1] >= received - timedelta(days=int(ctx.cfg["repeat_window_days"])))
        last_case_of[customer_id] = (case_id, received)
        day_key = received.strftime("%Y%m%d")
        counters[day_key] += 1
        channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        flags = {
            "safety_issue": rng.random() < 0.005, "media_exposure": rng.random() < 0.02,
            "authority_involved": rng.random() < 0.008, "needs_outside_help": rng.random() < 0.02,
            "beyond_terms": rng.random() < 0.01,
        }
        group_size = 5 if rng.random() < 0.004 else 1
        row: dict[str, Any] = {
            "id": case_id, "case_no": f"KS-{day_key}-{counters[day_key]:03d}", "received_at": received,
            "channel": channel, "channel_detail": rng.choice(ONLINE_DETAILS) if channel == "online" else "",
            "receiver": rng.choice(receivers), "customer": customer_id,
            "order_no": f"DD{received:%y%m}{rng.randrange(1000, 9999)}" if rng.random() < 0.85 else "",
            "order_stage": rng.choice(("booked", "shot", "selected", "in_production", "delivered")),
            "chain_step": rng.choice(steps), "category": category_id, "description": said, "customer_wish": wish,
            "mood": rng.choices(("calm", "unhappy", "agitated"), weights=(3, 5, 2))[0],
            "evidence_note": "顾客出示了手机拍摄的照片。" if rng.random() < 0.2 else "", "group_size": group_size,
            **flags, "is_repeat": is_repeat, "previous_case": previous[0] if is_repeat else None,
            "severity_overridden": False, "deleted": False, "history_import": False, "created_at": received,
            "version": 1,
        }
        vip = customers[customer_id - 1]["vip"]
        remedy_type = rng.choice(list(REMEDIES))
        plan, (low, high) = REMEDIES[remedy_type]
        amount = Decimal(rng.randrange(low, high + 1, 10) if high else 0)
        facts = severity.Facts(is_repeat=is_repeat, vip=vip, same_category_recent=len(window), approval_limit=limit,
                               group_size=group_size, **flags)
        level, reasons = severity.suggest(facts)
        row.update(severity=level, suggested_severity=level, severity_reasons=reasons)
        age = (ctx.now - received).total_seconds() / 86400
        _lifecycle(ctx, cal, row, tables, open_=rng.random() < _open_probability(age), dept_name=dept_name,
                   cause=cause, remedy=(remedy_type, plan, amount), limit=limit, facts=facts)
        tables[Complaint].append(row)
        if len(tables[Complaint]) >= BATCH:
            _flush(tables, customers)
            progress.update(case_id, n, f"已生成 {case_id} / {n} 条演示案件")
    _flush(tables, customers)
    with write_transaction():
        _bulk(DailyCounter, [{"day": k, "last": v} for k, v in counters.items()])
    progress.update(n, n, "演示数据已生成")


def _pick_customer(ctx: _Ctx, customers: list[dict[str, Any]], recent: deque, phones: set[str],
                   received: datetime) -> int:
    """Mostly a new customer; sometimes one who complained in the last 60 days (a 二次投诉)."""
    rng = ctx.rng
    while recent and recent[0][1] < received - timedelta(days=60):
        recent.popleft()
    if recent and rng.random() < 0.12:
        return rng.choice(recent)[0]
    while True:
        phone = "1" + rng.choice("3456789") + "".join(str(rng.randrange(10)) for _ in range(9))
        if phone not in phones:
            phones.add(phone)
            break
    customers.append({"id": len(customers) + 1, "name": _customer_name(rng), "phone": phone,
                      "wechat": f"wx_{phone[-6:]}" if rng.random() < 0.4 else "", "vip": rng.random() < 0.08,
                      "notes": "", "created_at": received, "_saved": False})
    return len(customers)


def _lifecycle(ctx: _Ctx, cal, row: dict[str, Any], tables: dict, *, open_: bool, dept_name: str, cause: str,
               remedy: tuple[str, str, Decimal], limit: Decimal, facts: severity.Facts) -> None:
    """Walk the case through the stages it has reached, filling fields and audit events as the services would."""
    rng, now = ctx.rng, ctx.now
    received = row["received_at"]
    manager, service, executive = ctx.users["manager"], ctx.users["service"], ctx.users["exec"]
    invalid = rng.random() < 0.07
    weights = STUCK_STOP_WEIGHTS if now - received > timedelta(days=21) else OPEN_STOP_WEIGHTS
    stop_at = rng.choices(OPEN_STOPS, weights=weights)[0] if open_ else "closed"
    # A case waiting in 审批 walks like one stopping in 方案, then is submitted for approval.
    stop_in_approval = stop_at == "approval"
    if stop_in_approval:
        stop_at = "remedy"
    events = [("register", row["receiver"], received, {"case_no": row["case_no"], "severity": row["severity"]})]
    row.update(stage="registered", stage_entered_at=received, validity="", solvability="", cause="",
               invalid_explanation="", assessed_at=None, assessed_by=None, department=None, responsible_staff=None,
               remedy_type="", remedy_plan="", compensation_total=Decimal(0), approval_state="not_needed",
               approved_by=None, approved_at=None, approval_note="", implemented_at=None, customer_accepted=False,
               acceptance_note="", follow_up_result="", satisfaction=None, closed_at=None, close_reason="")
    t = received

    def step(stage: str, hours: float, user: int) -> bool:
        nonlocal t
        t = t + timedelta(hours=hours)
        if t >= now:
            return False
        events.append(("move", user, t, {"source": row["stage"], "target": stage}))
        row.update(stage=stage, stage_entered_at=t)
        return True

    done = row["stage"] == stop_at
    if not done and step("investigating", rng.uniform(0.2, 3), row["receiver"]):
        done = stop_at == "investigating"
    if not done and row["stage"] == "investigating":
        late = rng.random() < 0.08
        assess_hours = rng.uniform(25, 60) if late else rng.uniform(1, 20)
        row.update(validity="invalid" if invalid else rng.choice(("valid", "valid", "valid", "assist")),
                   solvability=rng.choice(("now", "soon", "soon", "not_now")), cause=cause,
                   department=ctx.departments[dept_name], responsible_staff=rng.choice(ctx.staff[dept_name]))
        if invalid:
            row["invalid_explanation"] = rng.choice(INVALID_EXPLANATIONS)
            if step("closed", assess_hours, manager):
                row.update(assessed_at=t, assessed_by=manager, closed_at=t, close_reason=row["invalid_explanation"])
            done = True
        elif step("remedy", assess_hours, manager):
            row.update(assessed_at=t, assessed_by=manager)
            done = stop_at == "remedy" and not stop_in_approval
        else:
            done = True
    if not done and row["stage"] == "remedy":
        remedy_type, plan, amount = remedy
        if stop_in_approval and amount <= limit:
            remedy_type, plan, amount = "refund", REMEDIES["refund"][0], Decimal(rng.randrange(600, 3000, 50))
        if amount > limit:  # the amount raises the severity, as the case service does
            level, reasons = severity.suggest(replace(facts, compensation=amount))
            row.update(severity=level, suggested_severity=level, severity_reasons=reasons)
        row.update(remedy_type=remedy_type, remedy_plan=plan, compensation_total=amount)
        if amount:
            tables[CompensationLine].append({"case": row["id"], "kind": remedy_type, "description": plan[:60],
                                             "amount": amount, "round": 1})
        needs_approval = amount > limit or row["beyond_terms"] or row["severity"] == "major"
        if needs_approval:
            entered = step("approval", rng.uniform(0.5, 8), manager)
            if entered:
                row["approval_state"] = "pending"
            if not entered or stop_in_approval:
                done = True
            else:
                approver = executive if amount > limit else rng.choice((manager, executive))
                if step("implementing", rng.uniform(2, 20), approver):
                    row.update(approval_state="approved", approved_by=approver, approved_at=t, approval_note="同意")
                    events[-1] = ("approve", approver, t, events[-1][3])
                    tables[ApprovalDecision].append({"case": row["id"], "decided_by": approver, "decided_at": t,
                                                     "approved": True, "reason": "同意", "amount": amount})
                else:
                    done = True
        elif stop_in_approval or not step("implementing", rng.uniform(2, 40), rng.choice((manager, service))):
            done = True
        if not done:
            done = stop_at == "implementing" or row["stage"] != "implementing"
    if not done and row["stage"] == "implementing":
        if step("follow_up", rng.uniform(24, 96), service):
            row.update(implemented_at=t, customer_accepted=True, acceptance_note="顾客已签字确认。")
            done = stop_at == "follow_up"
        else:
            done = True
    if not done and row["stage"] == "follow_up":
        call_at = t + timedelta(days=rng.uniform(5, 7))
        if call_at < now:
            unreachable = rng.random() < 0.04
            satisfied = not unreachable and rng.random() < 0.88
            for attempt in range(3 if unreachable else 1):
                tables[FollowUp].append({
                    "case": row["id"], "at": call_at + timedelta(hours=attempt * 5), "by": service,
                    "reached": not unreachable, "satisfied": None if unreachable else satisfied,
                    "satisfaction": None if unreachable else (
                        rng.choice((4, 5, 5)) if satisfied else rng.choice((1, 2, 3))),
                    "comments": "" if unreachable else rng.choice(FOLLOW_UP_GOOD if satisfied else FOLLOW_UP_BAD)})
            events.append(("follow_up", service, call_at, {"reached": not unreachable, "satisfied": satisfied}))
            last = tables[FollowUp][-1]
            row.update(follow_up_result="unreachable" if unreachable else ("satisfied" if satisfied else "unsatisfied"),
                       satisfaction=last["satisfaction"])
            t = call_at
            if not (unreachable or satisfied) and step("remedy", rng.uniform(1, 24), manager):
                _second_round(ctx, row, tables, events, t, service, manager)
            elif (unreachable or satisfied) and step("closed", rng.uniform(0.5, 4), manager):
                row.update(closed_at=t, close_reason="客户无法联系，已三次回访未接通。" if unreachable else "")
    if row["validity"] in ("valid",) and row["responsible_staff"] and rng.random() < 0.03 and row["assessed_at"]:
        tables[StaffPenalty].append({"case": row["id"], "staff": row["responsible_staff"],
                                     "points": rng.choice((5, 5, 10)),
                                     "fine": Decimal(300) if rng.random() < 0.2 else Decimal(0),
                                     "reason": "服务失误导致顾客投诉", "recorded_by": manager,
                                     "recorded_at": row["assessed_at"] + timedelta(hours=2)})
    if rng.random() < 0.25 and row["stage"] != "registered":
        tables[Note].append({"case": row["id"], "author": rng.choice((manager, service)),
                             "at": min(now, received + timedelta(hours=rng.uniform(1, 48))), "text": rng.choice(NOTES)})
    _set_dues(ctx, cal, row)
    tables[AuditEvent].extend({"at": at, "user": user, "case": row["id"], "action": action, "details": details}
                              for action, user, at, details in events)


def _second_round(ctx: _Ctx, row: dict[str, Any], tables: dict, events: list, t: datetime,
                  service: int, manager: int) -> None:
    """After an unsatisfied follow-up the remedy is redone; if there is time, a second call closes the case."""
    rng = ctx.rng
    row.update(follow_up_result="", satisfaction=None, customer_accepted=False)
    events[-1] = ("retry", manager, t, {**events[-1][3], "reason": "回访不满意，重新制定方案"})
    redo = t + timedelta(days=rng.uniform(1, 3))
    call = redo + timedelta(days=rng.uniform(5, 7))
    close = call + timedelta(hours=rng.uniform(0.5, 4))
    if close >= ctx.now:
        return
    row["remedy_plan"] += "\n回访不满意后：再次重修并由主管把关。"
    for stage, at, user in (("implementing", redo - timedelta(hours=2), manager), ("follow_up", redo, service),
                            ("closed", close, manager)):
        events.append(("move", user, at, {"source": row["stage"], "target": stage}))
        row.update(stage=stage, stage_entered_at=at)
    tables[FollowUp].append({"case": row["id"], "at": call, "by": service, "reached": True, "satisfied": True,
                             "satisfaction": 4, "comments": rng.choice(FOLLOW_UP_GOOD)})
    events.insert(-1, ("follow_up", service, call, {"reached": True, "satisfied": True}))
    row.update(implemented_at=redo, customer_accepted=True, follow_up_result="satisfied", satisfaction=4,
               closed_at=close)


def _set_dues(ctx: _Ctx, cal, row: dict[str, Any]) -> None:
    dues = deadlines.due_times(cal, ctx.cfg, received_at=row["received_at"], severity=row["severity"],
                               assessed_at=row["assessed_at"], implemented_at=row["implemented_at"])
    row["promised_reply_at"] = dues["reply_due"]
    row.update(dues)
    row["next_due"] = deadlines.next_due(row["stage"], dues, assessed=row["assessed_at"] is not None,
                                         promised_reply_at=row["promised_reply_at"])
    row["updated_at"] = row["stage_entered_at"]


def _flush(tables: dict[type, list[dict[str, Any]]], customers: list[dict[str, Any]]) -> None:
    new_customers = [c for c in customers if not c["_saved"]]
    carried_out = {row["id"]: row["implemented_at"] for row in tables.get(Complaint, [])
                   if row["stage"] in ("follow_up", "closed")}
    for line in tables.get(CompensationLine, []):  # paid once the remedy was carried out
        line["carried_out_at"] = carried_out.get(line["case"])
    with write_transaction():
        _bulk(Customer, [{k: v for k, v in c.items() if k != "_saved"} for c in new_customers])
        for model in (Complaint, CompensationLine, ApprovalDecision, FollowUp, StaffPenalty, Note, AuditEvent):
            _bulk(model, tables.pop(model, []))
    for c in new_customers:
        c["_saved"] = True


def _bulk(model, rows: Iterable[dict[str, Any]]) -> None:
    """executemany with the model's own conversions: far faster than building one big INSERT per batch."""
    rows = list(rows)
    if not rows:
        return
    db = current_database()
    fields = [model._meta.fields[name] for name in rows[0]]
    sql = insert_sql(model, fields)
    sqlite = is_sqlite(db)
    convert = [_converter(f, sqlite) for f in fields]
    names = [f.name for f in fields]
    db.cursor().executemany(sql, [tuple(c(row[n]) for c, n in zip(convert, names, strict=True)) for row in rows])
    if not sqlite and "id" in rows[0]:
        table = model._meta.table_name
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT MAX(id) FROM \"{table}\"))")


def _converter(field, sqlite: bool):
    if isinstance(field, DateTimeField):
        return (lambda v: None if v is None else v.isoformat(" ")) if sqlite else (lambda v: v)
    if isinstance(field, (CharField, TextField, IntegerField)) and type(field) in (CharField, TextField, IntegerField):
        return lambda v: v
    return field.db_value
