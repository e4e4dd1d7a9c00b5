"""Compiled SQL reused by calls of the same shape.

Peewee turns a query into SQL text anew on every call. For the toolbar search that costs
more than running the query (about 0.5 ms of Python per query on a 100,000-case file, against
microseconds for an index look-up). A query whose shape — tables, joins, which conditions —
is fixed by a key, and whose inputs appear in it only as whole bound parameters, is compiled
once with marker values; later calls of that shape put their own values where the markers were.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import Any

from studio_desk.db import current_database

_COMPILED: dict[tuple, tuple[str, list[tuple[bool, Any]]]] = {}
# Keys may hold user input (the board's filters): the oldest shapes are dropped past this many.
MAX_SHAPES = 500
_TRIM = threading.Lock()


class _Mark(str):
    """A stand-in value; its identity, not its text, says which input it is."""


class _TimeMark(datetime):
    """The stand-in for a time: a text one would make peewee's datetime fields try to parse it
    with every format they know (and load ``_strptime`` on the first call of a process)."""


def _mark(value: Any, i: int) -> Any:
    return _TimeMark(2000, 1, 1, 0, 0, 0, i) if isinstance(value, datetime) else _Mark(f"\x00{i}\x00")


def compiled(key: Hashable, build: Callable[..., Any], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQL and parameters of ``build(*values)``, compiling ``build`` once per ``key`` and database kind.

    ``build`` must pass each value straight to the query as a bound parameter (``field == v``,
    an explicit LIKE pattern, ``.limit(v)``), never transform it or branch on it: the key alone
    decides the shape. Values go to the database as given (no field conversion): ints, text and times.
    """
    cache_key = (type(current_database()), key)
    entry = _COMPILED.get(cache_key)
    if entry is None:  # two threads may both compile a new shape: the same SQL, either one is kept
        marks = [_mark(value, i) for i, value in enumerate(values)]
        index = {id(mark): i for i, mark in enumerate(marks)}
        query = build(*marks)
        sql, params = query.sql()
        slots = [(True, index[id(p)]) if id(p) in index else (False, p) for p in params]
        if {item for is_input, item in slots if is_input} != set(range(len(values))):
            raise ValueError(f"query {key!r}: every value must appear as a parameter")
        if len(_COMPILED) >= MAX_SHAPES:
            with _TRIM:  # the desk's worker threads compile too
                for old in list(_COMPILED)[: len(_COMPILED) - MAX_SHAPES + 1]:
                    _COMPILED.pop(old, None)
        entry = _COMPILED[cache_key] = (sql, slots)
    sql, slots = entry
    return sql, [values[item] if is_input else item for is_input, item in slots]
