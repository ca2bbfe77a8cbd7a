"""Benchmark: load + validate a 1,000-question script against a bare yaml.load of the same file."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from report import figure

from interview_app.domain.forms import load_form
from interview_app.domain.yaml_source import LOADER

QUESTIONS = 1_000
RUNS = 9
TARGET = 2.0  # load_form may take at most twice as long as parsing the YAML alone


def script(questions: int = QUESTIONS) -> str:
    """A script with every kind of item, shared and inline options, conditions, repeat groups."""
    out = [
        "form:",
        "  id: bench",
        '  version: "1.0.0"',
        "  title: Benchmark interview",
        "  purpose: A long script to time the loader.",
        "option_lists:",
        "  sectors:",
        "    - {value: agriculture, label: Farm or agriculture}",
        "    - {value: construction, label: Building site}",
        "    - {value: domestic, label: Work in a private home}",
        "    - {value: other, label: Other work, specify: true}",
        "sections:",
        "  - id: start",
        "    title: Start",
        "    items:",
        "      - id: consent",
        "        kind: gate",
        "        gate: consent",
        "        prompt: May I ask you some questions?",
        "        checklist:",
        "          - {id: agrees, text: The person agrees to this interview.}",
    ]
    count = 0
    section = 0
    while count < questions:
        section += 1
        out += [f"  - id: s{section}", f"    title: Section {section}", "    items:"]
        for n in range(12):
            count += 1
            out += _item(f"q{count}", n, f"q{count - 1}" if count > 1 else None)
        count += 2
        out += [
            f"      - id: g{section}",
            "        kind: repeat",
            "        prompt: Tell me about each place where you worked.",
            "        instance_label: A short name for this place",
            "        maximum: 10",
            "        items:",
            f"          - id: q{count - 1}",
            "            kind: single_choice",
            "            prompt: What work was done at this place?",
            "            options: sectors",
            f"          - id: q{count}",
            "            kind: yes_no",
            "            prompt: Were you able to leave this place when you wanted?",
            f"            show_if: {{equals: {{question: q{count - 1}, value: domestic}}}}",
        ]
    return "\n".join(out) + "\n"


def _item(qid: str, n: int, previous: str | None) -> list[str]:
    kinds = ["single_choice", "multi_choice", "number", "yes_no", "text", "date", "scale"]
    kind = kinds[n % len(kinds)]
    lines = [
        f"      - id: {qid}",
        f"        kind: {kind}",
        f"        prompt: Question {qid} is asked here, in words the person understands?",
        "        guidance: Some guidance for the interviewer, never shown to the person.",
        "        data_class: statement",
    ]
    if kind == "single_choice":
        lines.append("        options: sectors")
    elif kind == "multi_choice":
        lines += [
            "        options:",
            "          - {value: a, label: First answer}",
            "          - {value: b, label: Second answer}",
            "          - {value: none, label: None of these, exclusive: true}",
            "        indicators: [labour.sector]",
        ]
    elif kind in ("number", "scale"):
        lines += ["        minimum: 1", "        maximum: 5"]
    if previous is not None and n % 3 == 1:
        lines.append(f"        show_if: {{answered: {previous}}}")
    return lines


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(script(), encoding="utf-8")
        start = time.perf_counter()
        form = load_form(path)  # the first load also compiles the schema checks
        cold = time.perf_counter() - start
        questions = sum(1 for item in form.all_items() if item.is_question)
        size = path.stat().st_size

        def parse_only() -> object:
            return yaml.load(path.read_bytes(), Loader=LOADER)  # noqa: S506 - a safe loader

        baseline = median_seconds(parse_only)
        ours = median_seconds(lambda: load_form(path))
    ratio = ours / baseline
    print(f"script: {questions} questions, {size} bytes")
    print(f"yaml.load ({LOADER.__name__}): {baseline * 1000:.1f} ms (median of {RUNS})")
    print(f"load_form:              {ours * 1000:.1f} ms (first call {cold * 1000:.1f} ms)")
    print(f"ratio: {ratio:.2f} (target <= {TARGET})")
    figure("script_load", f"script load + validate ({questions:,} questions)", unit="ms",
           median=ours * 1000, baseline=baseline * 1000, baseline_name="yaml.load of the file",
           target=f"ratio <= {TARGET}", met=ratio <= TARGET)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
