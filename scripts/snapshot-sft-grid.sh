#!/usr/bin/env bash
# Copies what a fine-tuning grid (`poisonlab finetune --grid`) proves, without checkpoints or generations, into
# a folder for the repository: results.csv, persistence.csv (unless --no-persistence: a persistence stage that
# was stopped part-way would read as measured), failures.json, and each run's config.json (under 1 kB; the
# report's settings check and base names of `report DEST --with OTHER` read them). Absolute paths of the
# pretrained parent name this machine, so they are rewritten as grids/NAME/runs/... (NAME from the parent
# grid's grid.json), a path a reader has. The spec is copied by hand (its "run" rewritten the same way);
# DEST's other files (the spec, a report) are kept.
# Usage: scripts/snapshot-sft-grid.sh SFT_GRID_DIR DEST_DIR [--no-persistence]
set -euo pipefail
command -v jq >/dev/null || { echo "snapshot-sft-grid.sh: jq is needed" >&2; exit 2; }
grid="${1:?usage: snapshot-sft-grid.sh SFT_GRID_DIR DEST_DIR [--no-persistence]}"
dest="${2:?usage: snapshot-sft-grid.sh SFT_GRID_DIR DEST_DIR [--no-persistence]}"
persistence=yes
[ "${3:-}" = "--no-persistence" ] && persistence=no
[ -f "$grid/results.csv" ] || { echo "snapshot-sft-grid.sh: $grid/results.csv: missing: not a fine-tuning grid" >&2; exit 2; }
tmp="$(mktemp -d "${dest%/}.partial.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cp "$grid/results.csv" "$tmp/"
[ -f "$grid/failures.json" ] && cp "$grid/failures.json" "$tmp/"
[ "$persistence" = yes ] && [ -f "$grid/persistence.csv" ] && cp "$grid/persistence.csv" "$tmp/"
for config in "$grid"/runs/*/config.json; do
  [ -f "$config" ] || continue
  run="$(basename "$(dirname "$config")")"
  case "$run" in *-continue) [ "$persistence" = yes ] || continue ;; esac
  parent="$(jq -r '.parent.directory // empty' "$config")"
  mkdir -p "$tmp/runs/$run"
  if [[ "$parent" == /*/runs/* ]]; then
    parent_grid="${parent%%/runs/*}"
    name="$(jq -r .name "$parent_grid/grid.json" 2>/dev/null || basename "$parent_grid")"
    sed "s#$parent_grid/runs/#grids/$name/runs/#g" "$config" > "$tmp/runs/$run/config.json"
  else
    cp "$config" "$tmp/runs/$run/config.json"
  fi
done
# what this script writes is replaced; the rest of DEST (the spec, a report) is kept
mkdir -p "$dest"
rm -rf "$dest/runs" "$dest/persistence.csv" "$dest/failures.json"
for f in results.csv persistence.csv failures.json runs; do
  [ -e "$tmp/$f" ] && mv "$tmp/$f" "$dest/"
done
echo "snapshot of $grid -> $dest: $(ls "$dest/runs" 2>/dev/null | wc -l) run configs, persistence: $persistence"
