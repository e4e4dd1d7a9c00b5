"""Compiled SQL reused across calls: each call gets its own values, a build that hides a value
from the parameters is refused, and SQLite and PostgreSQL keep their own compiled text."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio_desk.models import Customer
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
