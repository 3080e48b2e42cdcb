#!/usr/bin/env bash
# Parks a grid's runs that are still training in a folder that can be committed, and puts them back. Why: a
# small run of the sizes study trains 6 h on one core, a session lasts 3 h, and the next session may start on a
# new machine with nothing but the repository. A parked run is what its training cannot recompute: train/
# (config.json, metrics.jsonl, data/, and the newest checkpoint or resume state: weights and AdamW moments,
# ~37 MB at small), poisons.jsonl, and eval/ (the checkpoints that scripts/eval-checkpoints.sh evaluated;
# the older checkpoints' weights are not kept, so evaluate them before parking). Stop the grid first (Ctrl-C
# or kill PID: each run saves a resume state where it is, nothing lost). The stream is not kept: the grid
# rebuilds it from the seed, and train/config.json's manifest_sha256 refuses a stream that came out different
# (another corpus).
# Finished runs are not parked (scripts/snapshot-grid.sh keeps what they prove).
# Usage: scripts/park-grid.sh GRID_DIR PARK_DIR            (park; replaces PARK_DIR)
#        scripts/park-grid.sh --restore PARK_DIR GRID_DIR  (put back into a grid seeded from a snapshot)
# Park and restore from the directory the grid ran in, and restore at the grid's original absolute path: the
# stream manifest (whose SHA-256 train/config.json records) names the poisons file by its path.
set -euo pipefail
usage="usage: park-grid.sh GRID_DIR PARK_DIR | park-grid.sh --restore PARK_DIR GRID_DIR"

# whether a checkpoint's files match the SHA-256 its checkpoint.json seals them with
sealed() {
  [ -f "$1/checkpoint.json" ] || return 1
  jq -r '.seal.files | to_entries[] | "\(.value)  \(.key)"' "$1/checkpoint.json" \
    | (cd "$1" && sha256sum --check --quiet --status -)
}

# eval/ one way or the other: per-excerpt files (.jsonl) gzipped when packed, the rest as they are
copy_eval() {
  local from="$1" to="$2" mode="$3" f
  [ -d "$from" ] || return 0
  mkdir -p "$to"
  for f in "$from"/*; do
    case "$mode:$f" in
      pack:*.jsonl) gzip -n -9 -c "$f" > "$to/$(basename "$f").gz" ;;
      unpack:*.jsonl.gz) gunzip -c "$f" > "$to/$(basename "${f%.gz}")" ;;
      *) cp "$f" "$to/" ;;
    esac
  done
}

# the sed expression over every JSON file of a run that may name a path; not checkpoint.json (none there, and
# its bytes are part of what resume verifies)
rewrite_paths() {
  find "$1" -name '*.json' ! -name checkpoint.json -print0 | xargs -0 sed -i "$2"
}

park() {
  local grid="$1" dest="$2" tmp run id newest checkpoint kind step grid_abs n=0
  [ -f "$grid/grid.json" ] || { echo "park-grid.sh: $grid: no grid.json (not a grid directory)" >&2; exit 2; }
  grid_abs="$(cd "$grid" && pwd)"
  tmp="$(mktemp -d "${dest%/}.partial.XXXXXX")"
  for run in "$grid"/runs/*/; do
    id="$(basename "$run")"
    [ -f "$run/rows.csv" ] && continue
    # step-N only: not a checkpoint a resume rejected (step-N.rejected) nor one being written (hidden);
    # the newest whose files match their seal, as a resume would take it, among the checkpoints and the
    # resume states (resume/step-N, saved when a grid is stopped with Ctrl-C or SIGTERM between checkpoints)
    newest=""
    for checkpoint in $(ls -d "$run"/train/checkpoints/step-* "$run"/train/resume/step-* 2>/dev/null \
        | grep -E '/step-[0-9]+$' | awk -F/ '{print $NF " " $0}' | sort -r | cut -d' ' -f2-); do
      if sealed "$checkpoint"; then newest="$checkpoint"; break; fi
      echo "park-grid.sh: $id: $(basename "$checkpoint") does not match its seal, not parked" >&2
    done
    [ -n "$newest" ] || continue
    kind="$(basename "$(dirname "$newest")")"
    mkdir -p "$tmp/runs/$id/train/$kind"
    cp "$run/train/config.json" "$run/train/metrics.jsonl" "$tmp/runs/$id/train/"
    cp -r "$run/train/data" "$tmp/runs/$id/train/"
    cp -r "$newest" "$tmp/runs/$id/train/$kind/"
    # a resume state parked alone would drop the newest checkpoint before it if eval-checkpoints.sh has not
    # evaluated it yet (the grid evaluates only the checkpoints it finds): park that one too
    if [ "$kind" = resume ]; then
      for checkpoint in $(ls -d "$run"/train/checkpoints/step-* 2>/dev/null | grep -E '/step-[0-9]+$' | sort -r); do
        sealed "$checkpoint" || continue
        step=$((10#${checkpoint##*/step-}))
        if [ ! -f "$run/eval/$(printf 'excerpts-step-%07d.jsonl' "$step")" ]; then
          mkdir -p "$tmp/runs/$id/train/checkpoints"
          cp -r "$checkpoint" "$tmp/runs/$id/train/checkpoints/"
          echo "park-grid.sh: $id: $(basename "$checkpoint") not evaluated yet, parked too"
        fi
        break
      done
    fi
    [ -f "$run/poisons.jsonl" ] && gzip -n -c "$run/poisons.jsonl" > "$tmp/runs/$id/poisons.jsonl.gz"
    copy_eval "$run/eval" "$tmp/runs/$id/eval" pack
    # machine paths (the grid's, and the directory the grid ran in: the excerpts path is relative to it)
    # become @GRID@ and @CWD@; --restore writes them back byte for byte
    rewrite_paths "$tmp/runs/$id" "s#$grid_abs#@GRID@#g; s#$(pwd)/#@CWD@/#g"
    echo "park-grid.sh: $id at $kind/$(basename "$newest")"
    n=$((n + 1))
  done
  rm -rf "$dest"
  mv "$tmp" "$dest"
  echo "park-grid.sh: parked $n run(s) in $dest"
}

restore() {
  local park="$1" grid="$2" run id
  [ -f "$grid/grid.json" ] || { echo "park-grid.sh: $grid: no grid.json (seed it from a snapshot first)" >&2; exit 2; }
  for run in "$park"/runs/*/; do
    id="$(basename "$run")"
    if [ -f "$grid/runs/$id/rows.csv" ] || [ -d "$grid/runs/$id/train/checkpoints" ] \
        || [ -d "$grid/runs/$id/train/resume" ]; then
      echo "park-grid.sh: $id: already in $grid, left as it is"
      continue
    fi
    mkdir -p "$grid/runs/$id"
    cp -r "$run/train" "$grid/runs/$id/"
    [ -f "$run/poisons.jsonl.gz" ] && gunzip -c "$run/poisons.jsonl.gz" > "$grid/runs/$id/poisons.jsonl"
    copy_eval "$run/eval" "$grid/runs/$id/eval" unpack
    rewrite_paths "$grid/runs/$id" "s#@GRID@#$(cd "$grid" && pwd)#g; s#@CWD@/#$(pwd)/#g"
    echo "park-grid.sh: $id restored at $(cd "$grid/runs/$id/train" && ls -d checkpoints/step-* resume/step-* 2>/dev/null | paste -sd' ')"
  done
}

if [ "${1:-}" = "--restore" ]; then
  restore "${2:?$usage}" "${3:?$usage}"
else
  park "${1:?$usage}" "${2:?$usage}"
fi
