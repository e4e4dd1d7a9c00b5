"""The toolbar search: case number, phone (whole or last 4 digits), name, order number, words."""

from __future__ import annotations

import pytest

from studio_desk.search import CaseRow, search_cases
from studio_desk.services import actions
from tests.board_factory import advance, register


@pytest.fixture
def cases(studio, frozen_now):
    front = studio["front"]
    a = register(front, phone="13812345678", customer_name="林小满", order_no="HS-2026-0815",
                 description="外景照片颜色发灰，和样片差距太大")
    b = register(front, phone="021-62345678", customer_name="欧阳娜娜", order_no="HS-2026-0901",
                 description="化妆师迟到一小时 😡，𠀀 字样的请柬也印错了", chain_step="makeup")
    c = register(front, phone="13900005678", customer_name="林大海", description="相册做错尺寸 100%_满意度为零")
    c = advance(c, "remedy", studio)  # cause: 修图师处理过度
    return {"a": a, "b": b, "c": c, "people": studio}


def numbers(rows: list[CaseRow]) -> list[str]:
    return [row.case_no for row in rows]


def test_case_number_exact_partial_and_lowercase(cases):
    a = cases["a"]
    assert numbers(search_cases(a.case_no)) == [a.case_no]
    assert numbers(search_cases(a.case_no.lower())) == [a.case_no]
    # The day part matches every case of that day; the exact one ranks first when typed in full.
    assert len(search_cases(a.case_no[3:11])) == 3
    assert search_cases(a.case_no[3:])[0].case_no == a.case_no


def test_phone_whole_with_separators_and_last_four(cases):
    a, b, c = cases["a"], cases["b"], cases["c"]
    assert numbers(search_cases("138 1234 5678")) == [a.case_no]
    assert numbers(search_cases("+86 138-1234-5678")) == [a.case_no]
    assert numbers(search_cases("021 6234 5678")) == [b.case_no]
    assert sorted(numbers(search_cases("5678"))) == sorted([a.case_no, b.case_no, c.case_no])
    assert numbers(search_cases("13900000000")) == []


def test_name_order_number_and_description_words(cases):
    a, b, c = cases["a"], cases["b"], cases["c"]
    assert sorted(numbers(search_cases("林"))) == sorted([a.case_no, c.case_no])
    assert numbers(search_cases("欧阳娜娜")) == [b.case_no]
    assert numbers(search_cases("hs-2026-0815")) == [a.case_no]
    assert numbers(search_cases("样片 发灰")) == [a.case_no]  # every word must match
    assert numbers(search_cases("样片 迟到")) == []
    assert numbers(search_cases("处理过度")) == [c.case_no]  # the cause found by the assessment


def test_rows_are_light_and_masked(cases):
    (row,) = search_cases("林小满")
    assert isinstance(row, CaseRow)
    assert row.phone == "138****5678"
    assert row.customer_name == "林小满"
    assert row.category == "修图质量"
    assert row.stage == "registered" and row.department == "" and row.staff == ""
    (assessed,) = search_cases("林大海")
    assert assessed.department == "数码后期" and assessed.stage == "remedy"


def test_exact_hits_rank_first(cases, studio):
    front = studio["front"]
    other = register(front, customer_name="林小", description="林小满的朋友也来投诉")
    rows = search_cases("林小满")
    assert rows[0].case_no == cases["a"].case_no
    assert other.case_no in numbers(rows)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07", "\n\t"])
def test_empty_queries_find_nothing(cases, text):
    assert search_cases(text) == []


def test_nasty_inputs(cases):
    b, c = cases["b"], cases["c"]
    assert numbers(search_cases("😡")) == [b.case_no]
    assert numbers(search_cases("𠀀")) == [b.case_no]
    assert numbers(search_cases("迟\x00到")) == [b.case_no]  # control characters are dropped
    # LIKE wildcards are taken literally.
    assert numbers(search_cases("100%_")) == [c.case_no]
    assert search_cases("相册%尺寸") == [] and search_cases("相册做错尺_") == []
    assert search_cases("尺寸\\") == [] and search_cases("\\") == []
    assert search_cases("很长" * 5000) == []
    assert search_cases("' OR 1=1 --") == []


def test_limit_and_deleted_cases(cases, studio):
    front = studio["front"]
    for _ in range(5):
        register(front, customer_name="周末")
    assert len(search_cases("周末", limit=3)) == 3
    a = cases["a"]
    actions.delete_case(studio["manager"], a.id, a.version, "重复登记")
    assert search_cases(a.case_no) == []
