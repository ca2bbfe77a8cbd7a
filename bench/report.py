"""Benchmark figures as one JSON line each, beside the human lines, for bench/run_all.py."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields

PREFIX = "BENCH-FIGURE "


@dataclass(frozen=True)
class Figure:
    """One measured figure: its median, the baseline measured in the same run, and the target.

    ``met`` is None for a diagnostic figure that has no target of its own. ``ratio`` is the
    figure's median over the baseline's median unless a bench says otherwise in ``note``.
    """

    key: str
    title: str
    unit: str
    median: float
    target: str | None
    met: bool | None
    p99: float | None = None
    baseline: float | None = None
    baseline_name: str | None = None
    baseline_p99: float | None = None
    ratio: float | None = None
    note: str = ""


def figure(
    key: str,
    title: str,
    *,
    unit: str,
    median: float,
    target: str | None = None,
    met: bool | None = None,
    p99: float | None = None,
    baseline: float | None = None,
    baseline_name: str | None = None,
    baseline_p99: float | None = None,
    ratio: float | None = None,
    note: str = "",
) -> Figure:
    """Print ``key``'s figure as one machine-readable line (flushed) and return it."""
    if ratio is None and baseline:
        ratio = median / baseline
    measured = Figure(key, title, unit, median, target, met, p99, baseline, baseline_name,
                      baseline_p99, ratio, note)
    print(PREFIX + json.dumps(asdict(measured), ensure_ascii=False), flush=True)
    return measured


def parse(lines: Iterable[str]) -> list[Figure]:
    """Every figure line among ``lines``; other lines are the bench's words for people."""
    names = {f.name for f in fields(Figure)}
    found = []
    for line in lines:
        if line.startswith(PREFIX):
            data = json.loads(line[len(PREFIX):])
            found.append(Figure(**{k: v for k, v in data.items() if k in names}))
    return found


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p99(values: Sequence[float]) -> float:
    """The 99th percentile (nearest rank), defined for short samples too."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
