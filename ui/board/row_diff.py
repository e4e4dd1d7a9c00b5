"""How a column's cards become the cards just read, as Qt's row changes: which cards stay where
they are, and the stretches of rows to remove, insert or update. No Qt here: plain lists."""

from __future__ import annotations

from bisect import bisect_left
from itertools import groupby

from studio_desk.search import CaseRow


def kept_in_place(old: list[CaseRow], new_at: dict[int, int]) -> set[int]:
    """The cases whose cards can stay where they are: the longest run of the old cards still in the
    column whose new positions keep their order (a longest increasing subsequence). Any other card
    leaves its place and comes back at its new one."""
    seq = [(new_at[row.id], row.id) for row in old if row.id in new_at]
    if all(a[0] < b[0] for a, b in zip(seq, seq[1:], strict=False)):
        return {case_id for _, case_id in seq}
    tails: list[int] = []  # tails[k]: the smallest last position of a run of k + 1 cards
    ends: list[int] = []  # ends[k]: which card of seq ends that run
    before = [-1] * len(seq)
    for i, (position, _) in enumerate(seq):
        k = bisect_left(tails, position)
        if k == len(tails):
            tails.append(position)
            ends.append(i)
        else:
            tails[k], ends[k] = position, i
        before[i] = ends[k - 1] if k else -1
    kept, i = set(), ends[-1]
    while i >= 0:
        kept.add(seq[i][1])
        i = before[i]
    return kept


def runs(marks: list[bool]) -> list[tuple[int, int]]:
    """The stretches [start, end) where ``marks`` is True."""
    found, start = [], 0
    for marked, group in groupby(marks):
        end = start + sum(1 for _ in group)
        if marked:
            found.append((start, end))
        start = end
    return found
