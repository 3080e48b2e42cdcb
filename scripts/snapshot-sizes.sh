#!/usr/bin/env bash
# The sizes study's committed snapshot, from its live grid: scripts/snapshot-grid.sh into
# docs/results/sizes/grid, then the report with the steps control beside it (`report --with
# docs/results/sizes-steps/grid`) into docs/results/sizes/report (figures as PNG, report.html and the two
# findings CSVs; SVGs left out). docs/results/sizes/rescore is left as it is. It refuses a live grid whose
# results.csv or verdicts.csv holds fewer rows than the committed ones: a directory shared by two specs follows
# its last writer (docs/grid.md), and a grid seeded from a snapshot by a build before session 11 dropped the
# earlier-step verdicts. Run from the repository root; ./poisonlab must be built (it builds itself).
# Usage: scripts/snapshot-sizes.sh GRID_DIR
set -euo pipefail
grid="${1:?usage: snapshot-sizes.sh GRID_DIR}"
dest=docs/results/sizes
[ -d "$dest/grid" ] || { echo "snapshot-sizes.sh: run from the repository root ($dest/grid not found)" >&2; exit 2; }
for f in results.csv verdicts.csv; do
  live="$(wc -l < "$grid/$f")"
  committed="$(wc -l < "$dest/grid/$f")"
  if [ "$live" -lt "$committed" ]; then
    echo "snapshot-sizes.sh: $grid/$f has $live lines, the committed one $committed: not a snapshot of the whole" \
      "study (restore the full spec's grid.json, or the verdicts, first)" >&2
    exit 2
  fi
done
tmp="$(mktemp -d "$dest.partial.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
scripts/snapshot-grid.sh "$grid" "$tmp/snap"
# the report names the directory it read, so it is drawn from the snapshot's place; the old one comes back if
# it fails
mv "$dest/grid" "$tmp/old-grid"
mv "$tmp/snap/grid" "$dest/grid"
if ! ./poisonlab report "$dest/grid" --with docs/results/sizes-steps/grid --out "$tmp/report" > /dev/null; then
  rm -rf "$dest/grid"
  mv "$tmp/old-grid" "$dest/grid"
  echo "snapshot-sizes.sh: the report failed; $dest is as it was" >&2
  exit 1
fi
mkdir -p "$tmp/kept"
cp "$tmp"/report/*.png "$tmp/report/report.html" "$tmp/report/sizes_findings.csv" \
  "$tmp/report/training_controls.csv" "$tmp/kept/"
rm -rf "$dest/report"
mv "$tmp/kept" "$dest/report"
echo "snapshot-sizes.sh: $(ls "$dest/grid/runs" | wc -l) finished runs in $dest/grid; report in $dest/report"
