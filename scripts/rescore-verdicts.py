#!/usr/bin/env python3
# The report's F2 rules (docs/verdicts.md: same count; matched fraction) applied to a rescore's effects.csv,
# on the fixed scorer's scale and on the runs' own: 95% Welch margins (t(0.975, Welch df) x se over the seeds'
# effects), `differ` when the estimate exceeds the margin and the wider band. A hand check, not the report:
# run on the own scale it must give the report's numbers (sizes grid: 250 diff 0.70 margin 0.34; 1000 diff
# 1.17 margin 1.61; matched fraction position 1.80, distance 1.91 margin 0.43).
# Usage: scripts/rescore-verdicts.py OUT/effects.csv [SMALL LARGE TARGET_COUNT FRACTION_PEER_COUNT]
import csv
import math
import sys

from scipy import stats


def welch(weights, groups):
    """estimate, 95% margin of sum(w * mean) over independent groups of seed effects"""
    estimate = sum(w * sum(g) / len(g) for w, g in zip(weights, groups))
    parts = [w * w * sd(g) ** 2 / len(g) for w, g in zip(weights, groups)]
    se = math.sqrt(sum(parts))
    df = se**4 / sum(p * p / (len(g) - 1) for p, g in zip(parts, groups))
    return estimate, stats.t.ppf(0.975, df) * se


def sd(values):
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def main():
    path = sys.argv[1]
    small, large, target, fraction_peer = (sys.argv[2:6] + ["micro", "mini", "1000", "300"][len(sys.argv[2:6]):])
    cells = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["placebo"] == "true":
                continue
            for scale in ("fixed", "self"):
                cells[(row["model"], int(row["poisons"]), scale)] = (
                    [float(v) for v in row["effects_" + scale].split()],
                    float(row["band_" + scale]),
                )
    for scale in ("fixed", "self"):
        print(f"scale {scale}")
        for count in sorted({c for (m, c, s) in cells if m == small and s == scale}):
            if (large, count, scale) not in cells:
                continue
            (a, band_a), (b, band_b) = cells[(large, count, scale)], cells[(small, count, scale)]
            diff, margin = welch([1, -1], [a, b])
            band = max(band_a, band_b)
            verdict = "differ" if abs(diff) > margin and abs(diff) > band else "not distinguishable"
            print(f"  same count {count}: {large} {mean(a):.2f} ± {sd(a):.2f}, {small} {mean(b):.2f} ± "
                  f"{sd(b):.2f}; difference {diff:.2f}, margin {margin:.2f}, band {band:.3f}: {verdict}")
        t, tb = cells[(large, int(target), scale)]
        c, cb = cells[(small, int(target), scale)]
        f, fb = cells[(small, int(fraction_peer), scale)]
        band = max(tb, cb, fb)
        position = (mean(t) - mean(f)) / (mean(c) - mean(f))
        sign = 1 if mean(c) > mean(f) else -1
        distance, margin = welch([sign, -sign / 2, -sign / 2], [t, c, f])
        past, past_margin = welch([1, -1], [t, c])
        peers, peers_margin = welch([1, -1], [c, f])
        print(f"  matched fraction: {large} at {target} {mean(t):.2f}, count peer {mean(c):.2f}, fraction peer "
              f"{mean(f):.2f}; position {position:.2f}; distance from the midpoint {distance:.2f} (margin "
              f"{margin:.2f}); target - count peer {past:.2f} (margin {past_margin:.2f}); count peer - fraction "
              f"peer {peers:.2f} (margin {peers_margin:.2f}), band {band:.3f}")


def mean(values):
    return sum(values) / len(values)


if __name__ == "__main__":
    main()
