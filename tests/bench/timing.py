"""Medians of repeated runs, and the table the benchmark prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def median_seconds(fn: Callable[[], object], runs: int, *, setup: Callable[[], object] | None = None,
                   warmup: int = 1) -> float:
    """Median wall time of ``fn`` over ``runs`` runs (``setup`` runs untimed before each)."""
    samples = []
    for i in range(warmup + runs):
        if setup is not None:
            setup()
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        if i >= warmup:
            samples.append(elapsed)
    return statistics.median(samples)


def interleaved_medians(first: Callable[[], object], second: Callable[[], object], runs: int,
                        *, warmup: int = 1, setups: tuple[Callable[[], object] | None, ...] = (None, None),
                        ) -> tuple[float, float]:
    """Median wall times of ``first`` and ``second``, run in turns, so that a machine that slows
    down or speeds up during the measurement (a shared VM does) weighs on both alike; ``setups``
    run untimed before each run of the one and of the other."""
    samples: tuple[list[float], list[float]] = ([], [])
    for i in range(warmup + runs):
        for fn, kept, setup in zip((first, second), samples, setups, strict=True):
            if setup is not None:
                setup()
            started = time.perf_counter()
            fn()
            if i >= warmup:
                kept.append(time.perf_counter() - started)
    return statistics.median(samples[0]), statistics.median(samples[1])


@dataclass
class Figure:
    name: str
    floor_name: str
    target: float | None  # ratio ours / floor must be at most this (None: an absolute limit only)
    ours: dict[int, float] = field(default_factory=dict)  # db size → median seconds
    floor: dict[int, float] = field(default_factory=dict)
    absolute_limit: float | None = None  # seconds, for "< 30 ms"
    note: str = ""

    def ratio(self, size: int) -> float:
        return self.ours[size] / self.floor[size]

    def passed(self, size: int) -> bool:
        ok = self.target is None or self.ratio(size) <= self.target
        if self.absolute_limit is not None:
            ok = ok and self.ours[size] < self.absolute_limit
        return ok


def fmt_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def render(figures: list[Figure], sizes: list[int]) -> str:
    largest = max(sizes)
    lines = ["| figure | ours | floor | ratio | target | result | growth, smallest → largest db (ours) |",
             "|---|---|---|---|---|---|---|"]
    for fig in figures:
        size = largest if largest in fig.ours else max(fig.ours)
        growth = "—"
        small = min(fig.ours)
        if small != size:
            growth = f"×{fig.ours[size] / fig.ours[small]:.1f} for ×{size // small} data"
        limits = [f"≤ {fig.target:g}×"] if fig.target is not None else []
        limits += [f"< {fig.absolute_limit * 1000:.0f} ms"] if fig.absolute_limit else []
        floor = f"{fmt_seconds(fig.floor[size])} ({fig.floor_name})" if size in fig.floor else "—"
        ratio = f"{fig.ratio(size):.2f}×" if size in fig.floor else "—"
        lines.append(
            f"| {fig.name} ({size:,} cases{', ' + fig.note if fig.note else ''}) | {fmt_seconds(fig.ours[size])} | "
            f"{floor} | {ratio} | {', '.join(limits)} | "
            f"{'pass' if fig.passed(size) else 'FAIL'} | {growth} |"
        )
    return "\n".join(lines)
