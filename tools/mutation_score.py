"""Print the mutation score of the last `mutmut run`, overall and per module.

mutmut keeps one JSON file per mutated source file, mutants/<path>.meta, whose "exit_code_by_key"
maps every mutant to the exit code of its test run; mutmut.stats.status_by_exit_code turns the
code into a status (killed, survived, timeout, no tests, ...). The score is killed ÷ total: a
survivor counts against it even when it is judged equivalent (docs/testing.md lists those), and a
timeout is shown apart and not counted as killed.

    python tools/mutation_score.py              # the table
    python tools/mutation_score.py --survivors  # also every mutant not killed, by module
    python tools/mutation_score.py --min 90     # exit 1 if a module is below 90 %
    python tools/mutation_score.py --not-killed # names only, for `mutmut run <names>` after new tests
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent


def modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return list(config["only_mutate"])


def results(path: str) -> dict[str, str]:
    meta = ROOT / "mutants" / f"{path}.meta"
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list every mutant that was not killed")
    parser.add_argument("--not-killed", action="store_true", help="only print the names of the mutants not killed")
    parser.add_argument("--min", type=float, default=None, help="fail when a module scores below this %%")
    args = parser.parse_args(argv)

    rows, total = [], Counter()
    others: dict[str, list[tuple[str, str]]] = {}
    for path in modules():
        statuses = results(path)
        counts = Counter(statuses.values())
        counts["total"] = len(statuses)
        total.update(counts)
        rows.append((path, counts))
        others[path] = sorted((n, s) for n, s in statuses.items() if s != "killed")

    if args.not_killed:
        print(" ".join(name for names in others.values() for name, _status in names))
        return 0

    def pct(c: Counter) -> str:
        return f"{100 * c['killed'] / c['total']:5.1f} %" if c["total"] else "   – "

    head = (
        f"{'module':42} {'killed/total':>13} {'score':>8} {'survived':>9} {'timeout':>8} {'no tests':>9} {'other':>6}"
    )
    print(head)
    print("-" * len(head))
    for label, c in [*rows, ("overall", total)]:
        other = c["total"] - c["killed"] - c["survived"] - c["timeout"] - c["no tests"]
        if label == "overall":
            print("-" * len(head))
        print(
            f"{label:42} {c['killed']:>6}/{c['total']:<6} {pct(c):>8} {c['survived']:>9} {c['timeout']:>8} "
            f"{c['no tests']:>9} {other:>6}"
        )
    if args.survivors:
        for path, names in others.items():
            if names:
                print(f"\n{path}")
                for name, status in names:
                    print(f"    {status:10} {name}")
    if not total["total"]:
        print('No mutation results: run "mutmut run" first.')
        return 1
    if args.min is not None:
        low = [p for p, c in rows if not c["total"] or 100 * c["killed"] / c["total"] < args.min]
        if low:
            print(f"\nBelow {args.min:g} %: {', '.join(low)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
