"""Compiled SQL reused across calls: each call gets its own values, a build that hides a value
from the parameters is refused, and SQLite and PostgreSQL keep their own compiled text; a
compiled model SELECT gives the models (joined ones attached) that running the query gives."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio_desk.models import Complaint, Customer
from studio_desk.sqlcache import compiled


def _by_name(name):
    return Customer.select(Customer.name).where(Customer.name == name)


def _run(sql, params):
    return [row[0] for row in Customer._meta.database.execute_sql(sql, params)]


def test_same_shape_other_values(studio):
    for name, phone in (("林小满", "13812345678"), ("欧阳娜娜", "13812345679")):
        Customer.create(name=name, phone=phone, created_at=datetime(2026, 11, 23, 10))
    first = compiled(("test", "by_name"), _by_name, ("林小满",))
    second = compiled(("test", "by_name"), _by_name, ("欧阳娜娜",))
    assert first[0] == second[0]  # one SQL text
    assert _run(*first) == ["林小满"] and _run(*second) == ["欧阳娜娜"]
    assert _run(*compiled(("test", "by_name"), _by_name, ("没有这个人",))) == []


def test_a_value_that_is_not_a_parameter_is_refused(studio):
    with pytest.raises(ValueError, match="every value must appear"):
        compiled(("test", "ignores"), lambda name: Customer.select().where(Customer.name == "固定"), ("林小满",))


def _cases_of(*customer_ids):
    return (Complaint.select(Complaint, Customer).join(Customer).where(Complaint.customer.in_(customer_ids))
            .order_by(Complaint.id))


def test_the_oldest_shapes_make_room_past_the_limit(studio, monkeypatch):
    from studio_desk import sqlcache

    monkeypatch.setattr(sqlcache, "_COMPILED", {})
    monkeypatch.setattr(sqlcache, "MAX_SHAPES", 3)
    for n in range(5):
        compiled(("test", "shape", n), _by_name, ("林小满",))
    assert [key[1][2] for key in sqlcache._COMPILED] == [2, 3, 4]
    assert _run(*compiled(("test", "shape", 0), _by_name, ("林小满",))) == []  # compiled anew, still right


def test_a_time_is_a_parameter_like_any_other(studio):
    for n, hour in enumerate((9, 11, 15)):
        Customer.create(name=f"顾客{n}", phone=f"1381234567{n}", created_at=datetime(2026, 11, 23, hour))

    def since(moment):
        return Customer.select(Customer.name).where(Customer.created_at >= moment).order_by(Customer.name)

    for moment, expected in ((datetime(2026, 11, 23, 10), ["顾客1", "顾客2"]), (datetime(2026, 11, 23, 12), ["顾客2"]),
                             (datetime(2026, 11, 24), [])):
        assert _run(*compiled(("test", "since"), since, (moment,))) == expected
