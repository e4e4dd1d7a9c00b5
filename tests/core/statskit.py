"""A small studio whose statistics were worked out by hand (see EXPECTED in test_stats.py).

Every case is made through the real services with the clock frozen at chosen times, so the
due times, the audit trail and the severities are the ones the services really give.

Cases (now = Mon 2026-11-23 10:00; phone P1 is one customer with three cases):
  A 10-12 10:00 walk_in 修图质量/retouch P1  valid 数码后期 S1, closed satisfied(5) 10-20 14:00, penalty S1 5 points
  B 10-20 09:00 phone   服务态度/reception P2 VIP, assessed late 10-22 09:00 invalid → closed
  I 10-26 10:00 visit   环境设施/reception P6, assist 门市, unreachable ×3 → closed 11-03 12:00
  C 11-02 10:00 online  修图质量/retouch P1 (repeat of A), 800 refund → 重大 → approved, unsatisfied(2) → repeat D,
                        penalty S1 300 元
  D 11-10 10:00 phone   修图质量/retouch P1 (repeat of C), registered, overdue
  E 11-16 11:00 letter  拍摄质量/shoot_outdoor P3, valid 摄影 S2, 200 gift, implementing
  F 11-20 16:00 walk_in 服务态度/makeup P4, six people → 重大, investigating, overdue
  G 11-23 09:00 walk_in 修图质量/retouch P5, registered (third 修图质量 in 30 days → 重要)
  H 09-15 10:00 phone   价格/收费 — deleted, counts nowhere
"""

from __future__ import annotations

from datetime import datetime

from studio_desk import clock
from studio_desk.models import Category, Complaint, Department
from studio_desk.services import actions, catalog
from studio_desk.services.intake import register_complaint

NOW = datetime(2026, 11, 23, 10, 0)
P1, P2, P3, P4, P5, P6, P7 = ("13811110001", "13811110002", "13811110003", "13811110004", "13811110005",
                              "13811110006", "13811110007")


def _at(text: str):
    return clock.frozen(datetime.fromisoformat(text))


def _register(user, when: str, **data) -> Complaint:
    with _at(when):
        return register_complaint(user, {"channel": "walk_in", "chain_step": "retouch", "description": "照片修得太假",
                                         "customer_name": "顾客", **data})


def _cat(name: str) -> int:
    return Category.get(Category.name == name).id


def _dep(name: str) -> int:
    return Department.get(Department.name == name).id


def build(people: dict) -> dict[str, Complaint]:
    """Make the cases above; returns them by letter, reloaded in their final state."""
    m, front, service, ex = people["manager"], people["front"], people["service"], people["exec"]
    s1 = catalog.add_staff(m, {"name": "修图师小周", "department_id": _dep("数码后期")}).id
    s2 = catalog.add_staff(m, {"name": "摄影师老马", "department_id": _dep("摄影")}).id
    retouch = _cat("修图质量")
    cases: dict[str, Complaint] = {}

    a = _register(front, "2026-10-12 10:00", phone=P1, customer_name="张三", category_id=retouch)
    with _at("2026-10-12 11:00"):
        a = actions.start_investigation(front, a.id, a.version)
    with _at("2026-10-12 15:00"):
        a = actions.assess(m, a.id, a.version, validity="valid", cause="修图过度", solvability="soon",
                           department=_dep("数码后期"), responsible_staff=s1)
    with _at("2026-10-13 10:00"):
        a = actions.propose_remedy(m, a.id, a.version, remedy_type="reretouch", remedy_plan="免费重修")
        actions.record_penalty(m, a.id, staff_id=s1, points=5, reason="修图过度")
    with _at("2026-10-14 10:00"):
        a = actions.record_implementation(m, a.id, a.version, customer_accepted=True)
    with _at("2026-10-20 14:00"):
        a = actions.record_follow_up(service, a.id, a.version, reached=True, satisfied=True, satisfaction=5,
                                     then="close")

    b = _register(service, "2026-10-20 09:00", channel="phone", phone=P2, customer_name="李四", vip=True,
                  chain_step="reception", category_id=_cat("服务态度"), description="接待态度冷淡")
    with _at("2026-10-20 10:00"):
        b = actions.start_investigation(front, b.id, b.version)
    with _at("2026-10-22 09:00"):
        b = actions.assess(m, b.id, b.version, validity="invalid", cause="顾客误会",
                           invalid_explanation="已向顾客说明接待流程")

    i = _register(front, "2026-10-26 10:00", channel="visit", phone=P6, customer_name="孙七", chain_step="reception",
                  category_id=_cat("环境设施"), description="更衣室太冷")
    with _at("2026-10-26 11:00"):
        i = actions.start_investigation(front, i.id, i.version)
    with _at("2026-10-26 16:00"):
        i = actions.assess(m, i.id, i.version, validity="assist", cause="空调故障", department=_dep("门市"))
        i = actions.propose_remedy(m, i.id, i.version, remedy_type="apology", remedy_plan="当面道歉")
    with _at("2026-10-27 10:00"):
        i = actions.record_implementation(m, i.id, i.version, customer_accepted=True)
    for hour in (9, 10, 11):
        with _at(f"2026-11-02 {hour:02d}:00"):
            i = actions.record_follow_up(service, i.id, i.version, reached=False)
    with _at("2026-11-03 12:00"):
        i = actions.close_case(m, i.id, i.version, close_reason="客户无法联系")

    c = _register(front, "2026-11-02 10:00", channel="online", phone=P1, customer_name="张三", category_id=retouch)
    with _at("2026-11-02 11:00"):
        c = actions.start_investigation(front, c.id, c.version)
    with _at("2026-11-02 14:00"):
        c = actions.assess(m, c.id, c.version, validity="valid", cause="修图师未按要求",
                           department=_dep("数码后期"), responsible_staff=s1)
        c = actions.propose_remedy(m, c.id, c.version, remedy_type="refund", remedy_plan="退部分款",
                                   compensation_lines=[{"kind": "refund", "description": "退款", "amount": "800"}])
    with _at("2026-11-03 10:00"):
        c = actions.approve(ex, c.id, c.version, "同意退款")
        actions.record_penalty(m, c.id, staff_id=s1, fine="300", reason="二次投诉")
    with _at("2026-11-04 10:00"):
        c = actions.record_implementation(m, c.id, c.version, customer_accepted=True)
    with _at("2026-11-10 10:00"):
        c = actions.record_follow_up(service, c.id, c.version, reached=True, satisfied=False, satisfaction=2,
                                     comments="还是不满意", then="repeat")
    d = Complaint.get((Complaint.previous_case == c.id) & (Complaint.deleted == False))  # noqa: E712

    e = _register(front, "2026-11-16 11:00", channel="letter", phone=P3, customer_name="王五",
                  chain_step="shoot_outdoor", category_id=_cat("拍摄质量"), description="外景照片模糊")
    with _at("2026-11-16 12:00"):
        e = actions.start_investigation(front, e.id, e.version)
    with _at("2026-11-16 15:00"):
        e = actions.assess(m, e.id, e.version, validity="valid", cause="对焦失误", department=_dep("摄影"),
                           responsible_staff=s2)
        e = actions.propose_remedy(m, e.id, e.version, remedy_type="gift", remedy_plan="赠送相框",
                                   compensation_lines=[{"kind": "gift", "description": "相框", "amount": "200"}])

    f = _register(front, "2026-11-20 16:00", phone=P4, customer_name="赵六", chain_step="makeup", group_size=6,
                  category_id=_cat("服务态度"), description="化妆师迟到一小时")
    with _at("2026-11-20 17:00"):
        f = actions.start_investigation(front, f.id, f.version)

    g = _register(front, "2026-11-23 09:00", phone=P5, customer_name="钱八", category_id=retouch)

    h = _register(front, "2026-09-15 10:00", channel="phone", phone=P7, customer_name="误登记",
                  chain_step="reception", category_id=_cat("价格/收费"), description="登记错误")
    with _at("2026-09-15 11:00"):
        actions.delete_case(m, h.id, h.version, "重复登记")

    for key, case in zip("ABCDEFGHI", (a, b, c, d, e, f, g, h, i), strict=True):
        cases[key] = Complaint.get_by_id(case.id)
    cases["staff"] = {"S1": s1, "S2": s2}  # type: ignore[assignment]
    return cases


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """``main.py ARGS`` in this process with the clock at NOW: (exit code, stdout, stderr)."""
    from studio_desk.cli import main

    with clock.frozen(NOW):
        code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
