#!/usr/bin/env bash
# Copies what a grid directory proves, without its checkpoints, into a folder for the repository:
# grid.json, recipe.json, commands.txt, results.csv, twin_tests.csv, failures.json, attacks.csv, cache/tokenizer.json, runs/*/rows.csv,
# runs/*/twin_tests.csv, runs/*/defense.json (defended runs), runs/*/train/config.json (the report's "Run
# configurations"; under 1 kB each), runs/*/stream/manifest.json without its lists (poison tokens), verdicts.csv,
# runs/*/eval.json (the evaluation's settings and summary, for `rescore`),
# the report, and each run's per-excerpt files as runs/*/excerpts/excerpts-step-N.jsonl.gz (gzip -n): the final
# checkpoint's with its generations, every earlier one with them stripped by jq (~50 kB each). The earlier ones
# are what verdicts.csv's rows before the last step, and so the report's curves against poisons seen (F4), are
# recomputed from: a grid reseeded from a snapshot that kept only a poisoned run's last file could no longer
# place a later seed's effect at those steps (until session 15 only clean twins kept them, for the headroom's
# clean perplexity per step; snapshots before session 11 stripped the last checkpoint's generations too). So
# `./poisonlab verdict --grid DEST/grid` and `compare --eval A/excerpts --twin B/excerpts` recompute every
# p-value from the repository. (runs/*/eval is not kept, so twin_tests.csv is never recomputed from the final
# step alone.)
# The copy is also a resumable seed: `cp -r DEST/grid grids/x && ./poisonlab grid --spec grids/x/grid.json
# --out grids/x` skips every run whose rows.csv is present and runs the rest.
# Usage: scripts/snapshot-grid.sh GRID_DIR DEST_DIR
set -euo pipefail
command -v jq >/dev/null || { echo "snapshot-grid.sh: jq is needed to strip generations from excerpt files" >&2; exit 2; }
grid="${1:?usage: snapshot-grid.sh GRID_DIR DEST_DIR}"
dest="${2:?usage: snapshot-grid.sh GRID_DIR DEST_DIR}"
tmp="$(mktemp -d "${dest%/}.partial.XXXXXX")"
mkdir -p "$tmp/grid/cache" "$tmp/report"
# absolute paths name this machine: the copies name the grid as grids/NAME (NAME from grid.json), a path a
# reader has; commands.txt is rewritten the same way
grid_abs="$(cd "$grid" && pwd)"
# (a sed expression, or none when the spec names no excerpts or an absolute path)
excerpts_spec="$(jq -r '.excerpts // empty' "$grid/grid.json")"
relative_excerpts=""
if [ -n "$excerpts_spec" ] && [[ "$excerpts_spec" != /* ]]; then
  relative_excerpts="s#\"/[^\"]*/$(printf '%s' "$excerpts_spec" | sed 's/[.[*^$#]/\\&/g')\"#\"$excerpts_spec\"#g"
fi
grid_name="$(jq -r .name "$grid/grid.json")"
for f in grid.json recipe.json results.csv twin_tests.csv verdicts.csv failures.json attacks.csv; do
  [ -f "$grid/$f" ] && cp "$grid/$f" "$tmp/grid/"
done
# (a spec given by an absolute path is named as the repository's experiments/FILE.json)
[ -f "$grid/commands.txt" ] && sed -E "s#$grid_abs\b#grids/$grid_name#g; s#--spec /[^ ]*/([^/ ]+\.json)#--spec experiments/\1#g" \
  "$grid/commands.txt" > "$tmp/grid/commands.txt"
[ -f "$grid/cache/tokenizer.json" ] && cp "$grid/cache/tokenizer.json" "$tmp/grid/cache/"
for rows in "$grid"/runs/*/rows.csv; do
  [ -f "$rows" ] || continue
  run="$(basename "$(dirname "$rows")")"
  mkdir -p "$tmp/grid/runs/$run"
  cp "$rows" "$tmp/grid/runs/$run/"
  [ -f "$grid/runs/$run/twin_tests.csv" ] && cp "$grid/runs/$run/twin_tests.csv" "$tmp/grid/runs/$run/"
  [ -f "$grid/runs/$run/defense.json" ] && cp "$grid/runs/$run/defense.json" "$tmp/grid/runs/$run/"
  if [ -f "$grid/runs/$run/train/config.json" ]; then
    mkdir -p "$tmp/grid/runs/$run/train"
    # the run's absolute paths name this machine; the copy names them as under grids/NAME, a path a reader has
    sed "s#$grid_abs/#grids/$grid_name/#g" "$grid/runs/$run/train/config.json" \
      > "$tmp/grid/runs/$run/train/config.json"
  fi
  # the stream's manifest without its per-poison and held-out lists and its machine path (~1 kB): the poisons'
  # token count, which the report's count-or-fraction comparison turns into a share of the training tokens
  if [ -f "$grid/runs/$run/stream/manifest.json" ]; then
    mkdir -p "$tmp/grid/runs/$run/stream"
    jq 'del(.poisons, .heldout_ids, .build.poisons_file)' "$grid/runs/$run/stream/manifest.json" \
      > "$tmp/grid/runs/$run/stream/manifest.json"
  fi
  # every checkpoint's excerpts: what the verdict reads at each step; ids, prompts and perplexities (and the
  # last one's generations)
  # a grid seeded from a snapshot has no eval/ for the snapshot's runs: their excerpts/ is carried as it is
  if [ ! -d "$grid/runs/$run/eval" ] && [ -d "$grid/runs/$run/excerpts" ]; then
    cp -r "$grid/runs/$run/excerpts" "$tmp/grid/runs/$run/"
    [ -f "$grid/runs/$run/eval.json" ] && cp "$grid/runs/$run/eval.json" "$tmp/grid/runs/$run/"
    continue
  fi
  # eval.json beside rows.csv (~5 kB): the settings `rescore` rebuilds each prompt with; the evaluation
  # records the excerpts file by its absolute path on this machine, the copy by the spec's relative one
  [ -f "$grid/runs/$run/eval/eval.json" ] \
    && sed "s#$grid_abs/#grids/$grid_name/#g; $relative_excerpts" "$grid/runs/$run/eval/eval.json" \
      > "$tmp/grid/runs/$run/eval.json"
  # (eval/ may hold gzipped files too: a twin restored from a snapshot for an older build's twin tests)
  files="$( { ls "$grid/runs/$run/eval"/excerpts-step-*.jsonl "$grid/runs/$run/eval"/excerpts-step-*.jsonl.gz \
      2>/dev/null || true; } | sort)"
  [ -n "$files" ] || continue
  last="$(printf '%s\n' "$files" | tail -n 1)"
  mkdir -p "$tmp/grid/runs/$run/excerpts"
  printf '%s\n' "$files" | while IFS= read -r file; do
    # the last checkpoint keeps its generations (~300 kB gzipped at small): what a reader looks at, and
    # what `rescore` scores with another model, from the snapshot too; earlier ones drop them (~50 kB)
    filter='del(.generation_without_trigger, .generation_with_trigger, .control_generations)'
    [ "$file" = "$last" ] && filter='.'
    zcat -f "$file" | jq -c "$filter" | gzip -n -9 > "$tmp/grid/runs/$run/excerpts/$(basename "${file%.gz}").gz"
  done
done
if [ -d "$grid/report" ]; then
  cp "$grid"/report/*.png "$grid"/report/report.html "$tmp/report/" 2>/dev/null || true
fi
rm -rf "$dest"
mv "$tmp" "$dest"
echo "snapshot of $grid -> $dest: $(ls "$dest"/grid/runs | wc -l) finished runs"
