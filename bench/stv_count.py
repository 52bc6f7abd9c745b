"""Benchmark: counting STV elections by the Scottish rule (mutuals' logic, no database).

Counts every election in ../shared/stv (250 real Scottish wards: total time, and the largest
file's), then a generated election of 200,000 ballots, 15 candidates and 5 seats, whose
count must take under a second. Identical ballots are grouped before counting (real ranked
ballots repeat a great deal: voters rank a few candidates, often down a party's list), and
each stage touches only the papers of the candidate being transferred.

The generated voters: each ranks 1 to 6 candidates, drawn without replacement with weights
that favour their first choice's party (three parties of four and three independents), from
a fixed seed, so every run counts the same ballots.

Run from the repository root: .venv/bin/python bench/stv_count.py
Environment: COOPCOUNCIL_SHARED (default ../shared), BENCH_REPEAT (default 5),
BENCH_WRITE_DOCS (default 1).
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopcouncil.mutuals.logic.ballot_files import read_blt  # noqa: E402
from coopcouncil.mutuals.logic.counting import count  # noqa: E402
from coopcouncil.mutuals.logic.stv import Ballot, Election  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- mutuals:start -->", "<!-- mutuals:end -->"
SHARED = Path(os.environ.get("COOPCOUNCIL_SHARED", ROOT.parent / "shared"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
WRITE_DOCS = os.environ.get("BENCH_WRITE_DOCS", "1") == "1"
BALLOTS, CANDIDATES, SEATS = 200_000, 15, 5


def shared_counts() -> tuple[int, float, float, str, int]:
    """Files, total seconds (reading + counting), largest file's seconds, its name and size."""
    files = sorted((SHARED / "stv" / "elections").glob("*.blt"))
    largest = max(files, key=lambda path: path.stat().st_size)
    started = time.perf_counter()
    largest_seconds = 0.0
    for path in files:
        began = time.perf_counter()
        count(read_blt(path.read_text(encoding="utf-8")))
        if path == largest:
            largest_seconds = time.perf_counter() - began
    return (
        len(files),
        time.perf_counter() - started,
        largest_seconds,
        largest.name,
        largest.stat().st_size,
    )


def generated_rankings(seed: int = 2026) -> list[tuple[int, ...]]:
    """200,000 voters' rankings (see the module docstring)."""
    chooser = random.Random(seed)
    party = [c // 4 if c < 12 else 3 + c for c in range(CANDIDATES)]
    appeal = [chooser.uniform(0.5, 3.0) for _ in range(CANDIDATES)]
    rankings = []
    for _ in range(BALLOTS):
        length = chooser.choice((1, 1, 2, 2, 3, 3, 4, 5, 6))
        left = list(range(CANDIDATES))
        ranking: list[int] = []
        while left and len(ranking) < length:
            first = party[ranking[0]] if ranking else None
            weights = [appeal[c] * (6 if party[c] == first else 1) for c in left]
            pick = chooser.choices(left, weights)[0]
            ranking.append(pick)
            left.remove(pick)
        rankings.append(tuple(ranking))
    return rankings


def generated_count(rankings: list[tuple[int, ...]]) -> tuple[float, float, int, list[str]]:
    """Median seconds to group the ballots and to count them; distinct ballots; winners."""
    group_times, count_times = [], []
    winners: list[str] = []
    distinct = 0
    for _ in range(REPEAT):
        began = time.perf_counter()
        grouped = Counter(rankings)
        election = Election(
            candidates=tuple(f"Candidate {c + 1}" for c in range(CANDIDATES)),
            seats=SEATS,
            ballots=tuple(Ballot(ranking, papers) for ranking, papers in grouped.items()),
        )
        grouped_at = time.perf_counter()
        result = count(election)
        counted_at = time.perf_counter()
        group_times.append(grouped_at - began)
        count_times.append(counted_at - grouped_at)
        distinct = len(grouped)
        winners = [election.candidates[c] for c in result.elected]
    return statistics.median(group_times), statistics.median(count_times), distinct, winners


def write_docs(shared: tuple, generated: tuple) -> None:
    files, total, largest_seconds, largest_name, largest_bytes = shared
    group_seconds, count_seconds, distinct, winners = generated
    whole = group_seconds + count_seconds
    generated_label = (
        f"Generated: {BALLOTS:,} ballots, {CANDIDATES} candidates, {SEATS} seats"
        f" ({distinct:,} distinct rankings)"
    )
    generated_figure = (
        f"{whole * 1000:.0f} ms (median of {REPEAT}: grouping {group_seconds * 1000:.0f} ms"
        f" + counting {count_seconds * 1000:.0f} ms)"
    )
    text = f"""{START}
## Co-operatives and mutuals: STV counts (Scottish rule)

`{".venv/bin/python bench/stv_count.py"}` — pure Python, one process, no database, on
{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores shared with
other work while measured (load average {os.getloadavg()[0]:.1f} at the end).

| What | Figure |
| --- | --- |
| The {files} real Scottish ward elections in `../shared/stv` (read + counted) | {total:.2f} s |
| The largest, `{largest_name}` ({largest_bytes // 1024} KiB) | {largest_seconds * 1000:.0f} ms |
| {generated_label} | {generated_figure} |
| Target for the generated count | under 1 s: {"met" if whole < 1 else "NOT met"} |

Grouping identical ballots is what makes it quick: the count then moves one entry per
distinct ranking and value, and each stage reads only the papers of the candidate whose
surplus or exclusion is transferred. Elected: {", ".join(winners)}. The real files' total
includes reading them (the BLT parser) as well as counting.
{END}"""
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        DOCS.write_text(before + text + rest.split(END, 1)[1], encoding="utf-8")
    else:
        DOCS.write_text(current.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def main() -> int:
    if not (SHARED / "stv").is_dir():
        print(f"{SHARED / 'stv'} is missing; nothing to count", file=sys.stderr)
        return 1
    shared = shared_counts()
    print(f"shared: {shared[0]} files in {shared[1]:.2f} s; largest {shared[3]} {shared[2]:.3f} s")
    generated = generated_count(generated_rankings())
    print(
        f"generated: grouping {generated[0]:.3f} s + counting {generated[1]:.3f} s"
        f" ({generated[2]} distinct rankings); elected {generated[3]}"
    )
    if WRITE_DOCS:
        write_docs(shared, generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
