#!/usr/bin/env python3
"""Effect of a poisoned run over its twin at each checkpoint both evaluated, in nats: the median over shared
excerpts of (log ppl gap, poisoned) - (log ppl gap, twin), the per-run effect verdicts.csv uses, for runs still
training (the grid writes verdicts.csv only when a run finishes). A first look, not a verdict: one run, one twin.

Usage: scripts/twin-effect.py POISONED_EVAL_DIR TWIN_EVAL_DIR   (plain or gzipped excerpts-step-N.jsonl files)
"""
import gzip
import json
import re
import statistics
import sys
from pathlib import Path


def fail(message):
    print(f"twin-effect.py: {message}", file=sys.stderr)
    sys.exit(2)


def excerpt_files(directory):
    if not Path(directory).is_dir():
        fail(f"{directory}: not a directory")
    files = {}
    for path in Path(directory).iterdir():
        match = re.fullmatch(r"excerpts-step-(\d+)\.jsonl(\.gz)?", path.name)
        if match:
            files[int(match.group(1))] = path
    return files


def log_gaps(path):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return {row["id"]: row["log_ppl_gap"] for row in map(json.loads, lines)}


def main(poisoned_dir, twin_dir):
    poisoned, twin = excerpt_files(poisoned_dir), excerpt_files(twin_dir)
    steps = sorted(poisoned.keys() & twin.keys())
    if not steps:
        fail(f"no checkpoint evaluated in both {poisoned_dir} and {twin_dir}")
    print("step,pairs,effect_nats,share_higher")
    for step in steps:
        a, b = log_gaps(poisoned[step]), log_gaps(twin[step])
        diffs = [a[k] - b[k] for k in a.keys() & b.keys()]
        share = sum(d > 0 for d in diffs) / len(diffs)
        print(f"{step},{len(diffs)},{statistics.median(diffs):.3f},{share:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2])
