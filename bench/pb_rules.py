"""Benchmark our PB counting rules against pabutools 1.2.3 on the shared Pabulib files.

For every file in ../shared/pabulib and every rule, time our rule in this process and
pabutools' rule in a fresh subprocess (gmpy2 fractions, lexicographic ties, the calls
described in ../shared/pabulib/README.md) killed after --timeout seconds; check that both
select the same projects. Rule times exclude parsing, as in reference.json; we also report our
parse and profile-building times. Results go into docs/benchmarks.md between the markers
`<!-- pb:start -->` and `<!-- pb:end -->`.

    .venv/bin/python bench/pb_rules.py              # everything (~30 min on 2 cores)
    .venv/bin/python bench/pb_rules.py --quick      # files under 200 kB, 30 s cap
    .venv/bin/python bench/pb_rules.py --ours-largest 3   # our MES rules only, no pabutools

pabutools is GPL and a bench/test dependency only: it is imported in the worker subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RULES = ("greedy_cost", "greedy_card", "mes_cost", "mes_card", "mes_cost_completed", "phragmen")
START, END = "<!-- pb:start -->", "<!-- pb:end -->"
MIN_SAMPLE_SECONDS = 0.2


def shared_pabulib() -> Path:
    shared = Path(os.environ.get("COOPCOUNCIL_SHARED", REPO_ROOT.parent / "shared"))
    return shared / "pabulib"


def timed(call, budget: float = MIN_SAMPLE_SECONDS) -> tuple[float, object]:
    """Best wall time of `call` over repeats filling `budget` seconds (one run if slower)."""
    start = time.perf_counter()
    result = call()
    best = time.perf_counter() - start
    spent = best
    while spent < budget:
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
    return best, result


def run_ours(path: Path) -> dict:
    """Time our parse, profile and every rule on one file (each rule on a fresh profile)."""
    sys.path.insert(0, str(REPO_ROOT))
    from coopcouncil.participation.logic.counting import RULES as OUR_RULES
    from coopcouncil.participation.logic.pabulib import read_pabulib
    from coopcouncil.participation.logic.profile import UnsupportedRule, ballot_profile

    parse_seconds, election = timed(lambda: read_pabulib(path), budget=0)
    profile_seconds, _ = timed(lambda: ballot_profile(election), budget=0)
    rules = {}
    for rule in RULES:
        profile = ballot_profile(election)
        count = OUR_RULES[rule.replace("_", "-")]
        try:
            seconds, outcome = timed(lambda count=count, profile=profile: count(profile))
            rules[rule] = {"seconds": seconds, "selected": sorted(outcome.selected)}
        except UnsupportedRule:
            rules[rule] = {"seconds": None, "selected": None, "unsupported": True}
    return {"parse_seconds": parse_seconds, "profile_seconds": profile_seconds, "rules": rules}


def pabutools_worker(path: str, rule: str) -> None:
    """Subprocess entry: run one pabutools rule the way reference.json was made; print JSON."""
    from pabutools.election import (
        Additive_Borda_Sat,
        Additive_Cardinal_Sat,
        Cardinality_Sat,
        Cost_Sat,
        parse_pabulib,
    )
    from pabutools.election.profile import AbstractApprovalProfile, AbstractOrdinalProfile
    from pabutools.fractions import frac
    from pabutools.rules import (
        completion_by_rule_combination,
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    instance, profile = parse_pabulib(path)
    is_approval = isinstance(profile, AbstractApprovalProfile)
    if is_approval:
        cost_sat = Cost_Sat
    elif isinstance(profile, AbstractOrdinalProfile):
        cost_sat = Additive_Borda_Sat
    else:
        cost_sat = Additive_Cardinal_Sat
    if not is_approval and rule in ("greedy_card", "mes_card", "phragmen"):
        print(json.dumps({"seconds": None, "selected": None, "unsupported": True}))
        return
    calls = {
        "greedy_cost": lambda: greedy_utilitarian_welfare(
            instance, profile, sat_class=cost_sat, is_sat_additive=True
        ),
        "greedy_card": lambda: greedy_utilitarian_welfare(
            instance, profile, sat_class=Cardinality_Sat
        ),
        "mes_cost": lambda: method_of_equal_shares(instance, profile, sat_class=cost_sat),
        "mes_card": lambda: method_of_equal_shares(instance, profile, sat_class=Cardinality_Sat),
        "mes_cost_completed": lambda: completion_by_rule_combination(
            instance,
            profile,
            [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
            [
                {
                    "rule": method_of_equal_shares,
                    "rule_params": {"sat_class": cost_sat},
                    "budget_step": instance.budget_limit * frac(1, 100),
                },
                {"sat_class": cost_sat, "is_sat_additive": True},
            ],
        ),
        "phragmen": lambda: sequential_phragmen(instance, profile),
    }
    seconds, outcome = timed(calls[rule])
    print(json.dumps({"seconds": seconds, "selected": sorted(p.name for p in outcome)}))


def run_pabutools(path: Path, rule: str, timeout: float) -> dict:
    command = [sys.executable, __file__, "--pabutools-worker", str(path), rule]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "selected": None, "timed_out": True}
    except subprocess.CalledProcessError as error:
        return {"seconds": None, "selected": None, "error": error.stderr[-500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}"


def summarise(files: list[Path], ours: dict, theirs: dict, args: argparse.Namespace) -> str:
    rows, speedups, mismatches, timeouts = [], [], [], []
    for path in files:
        for rule in RULES:
            mine, other = ours[path.name]["rules"][rule], theirs[path.name][rule]
            if mine.get("unsupported"):
                continue
            if other.get("timed_out"):
                timeouts.append(f"{path.name} {rule}")
                ratio = f">{args.timeout / mine['seconds']:.0f}x"
                speedups.append(args.timeout / mine["seconds"])
                agree = "pabutools timed out"
            else:
                ratio_value = other["seconds"] / mine["seconds"]
                speedups.append(ratio_value)
                ratio = f"{ratio_value:.0f}x"
                agree = "yes" if other["selected"] == mine["selected"] else "NO"
                if agree == "NO":
                    mismatches.append(f"{path.name} {rule}")
            pab = "timeout" if other.get("timed_out") else f"{other['seconds']:.4f}"
            rows.append(
                f"| {path.name} | {rule} | {mine['seconds']:.4f} | {pab} | {ratio} | {agree} |"
            )
    largest = max(files, key=lambda p: p.stat().st_size)
    mes_largest = ", ".join(
        f"{rule} {ours[largest.name]['rules'][rule]['seconds']:.3f} s"
        for rule in RULES
        if rule.startswith("mes") and ours[largest.name]["rules"][rule]["seconds"] is not None
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parse_total = sum(ours[p.name]["parse_seconds"] for p in files)
    lines = [
        START,
        "## Participatory budgeting rules vs pabutools 1.2.3",
        "",
        f"Machine: {machine()}.",
        f"Command: `{' '.join(['.venv/bin/python', 'bench/pb_rules.py', *sys.argv[1:]])}` "
        f"({len(files)} files, pabutools capped at {args.timeout:.0f} s per run, "
        "each run a fresh subprocess with gmpy2 fractions).",
        "",
        f"- Median speed-up over {len(speedups)} supported runs: "
        f"**{statistics.median(speedups):.0f}x** (timeouts counted at the cap).",
        f"- MES rules on the largest file ({largest.name}): {mes_largest}.",
        f"- Peak memory of the process running our rules: {peak_mib:.0f} MiB (ru_maxrss).",
        f"- Winners differ from pabutools in {len(mismatches)} runs"
        + (f": {', '.join(mismatches)}" if mismatches else "")
        + ".",
        f"- pabutools timed out in {len(timeouts)} runs"
        + (f": {', '.join(timeouts)}" if timeouts else "")
        + ".",
        f"- Our parsing of all {len(files)} files took {parse_total:.2f} s in all.",
        f"- Load average at the end of the run: {os.getloadavg()[0]:.1f} "
        f"(on {os.cpu_count()} CPUs); other work on the machine slows both sides.",
        "",
        "Times are rule wall times in seconds, parsing excluded, best of repeats filling 0.2 s.",
        "",
        "| file | rule | ours s | pabutools s | speed-up | same winners |",
        "|---|---|---:|---:|---:|---|",
        *rows,
        END,
    ]
    return "\n".join(lines)


def ours_on_largest(count: int, repeats: int) -> None:
    """Time our MES rules on the `count` largest files, `repeats` runs each (no pabutools).

    Each run counts on a fresh profile, so nothing is shared between runs. Prints the best and
    median wall time, the CPU time of the best run, and peak memory; edits no docs.
    """
    sys.path.insert(0, str(REPO_ROOT))
    from coopcouncil.participation.logic.counting import RULES as OUR_RULES
    from coopcouncil.participation.logic.pabulib import read_pabulib
    from coopcouncil.participation.logic.profile import UnsupportedRule, ballot_profile

    files = sorted(shared_pabulib().glob("*.pb"), key=lambda p: -p.stat().st_size)[:count]
    print(f"Machine: {machine()}. Load average at start: {os.getloadavg()[0]:.2f}.")
    print("| file | rule | best s | median s | CPU s (best run) |")
    print("|---|---|---:|---:|---:|")
    for path in files:
        election = read_pabulib(path)
        for rule in (r for r in RULES if r.startswith("mes")):
            count_rule = OUR_RULES[rule.replace("_", "-")]
            walls, cpus = [], []
            try:
                for _ in range(repeats):
                    profile = ballot_profile(election)
                    wall, cpu = time.perf_counter(), time.process_time()
                    count_rule(profile)
                    walls.append(time.perf_counter() - wall)
                    cpus.append(time.process_time() - cpu)
            except UnsupportedRule:
                continue
            best = min(range(repeats), key=walls.__getitem__)
            print(
                f"| {path.name} | {rule} | {walls[best]:.3f} | {statistics.median(walls):.3f} "
                f"| {cpus[best]:.3f} |",
                flush=True,
            )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Peak memory: {peak_mib:.0f} MiB (ru_maxrss). Load average at end: "
        f"{os.getloadavg()[0]:.2f}."
    )


def write_docs(section: str) -> None:
    docs = REPO_ROOT / "docs" / "benchmarks.md"
    text = docs.read_text(encoding="utf-8") if docs.is_file() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(text, encoding="utf-8")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--pabutools-worker":
        pabutools_worker(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="files under 200 kB, 30 s cap")
    parser.add_argument("--timeout", type=float, default=120.0, help="pabutools cap, seconds")
    parser.add_argument("--jobs", type=int, default=2, help="pabutools subprocesses at once")
    parser.add_argument("--no-docs", action="store_true", help="print, do not edit the docs")
    parser.add_argument(
        "--ours-largest",
        type=int,
        metavar="N",
        help="only time our MES rules on the N largest files (no pabutools, no docs)",
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs per rule for --ours-largest")
    args = parser.parse_args()
    if args.ours_largest:
        ours_on_largest(args.ours_largest, args.repeats)
        return
    if args.quick:
        args.timeout = min(args.timeout, 30.0)
    files = sorted(shared_pabulib().glob("*.pb"))
    if args.quick:
        files = [p for p in files if p.stat().st_size < 200_000]
    ours = {}
    for path in files:
        ours[path.name] = run_ours(path)
        print(f"ours {path.name}", flush=True)
    theirs: dict[str, dict] = {p.name: {} for p in files}
    # biggest files first, so the two workers finish together
    jobs = [(p, r) for p in sorted(files, key=lambda p: -p.stat().st_size) for r in RULES]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for (path, rule), result in zip(
            jobs,
            pool.map(lambda job: run_pabutools(job[0], job[1], args.timeout), jobs),
            strict=True,
        ):
            theirs[path.name][rule] = result
            print(f"pabutools {path.name} {rule} {result.get('seconds')}", flush=True)
    section = summarise(files, ours, theirs, args)
    print(section)
    if not args.no_docs:
        write_docs(section)


if __name__ == "__main__":
    main()
