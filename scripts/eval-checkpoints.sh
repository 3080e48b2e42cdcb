#!/usr/bin/env bash
# Evaluates the checkpoints of a grid's runs while they are still training, with the grid's own evaluation
# settings (grid.json: eval_count, trigger, control_triggers, eval_prompt_tokens, eval_new_tokens, excerpts; the
# run's seed), into the run's own eval/ directory. The grid's evaluation after training resumes from that
# eval.json and skips those checkpoints, so no work is done twice; a setting that differed would stop the grid
# with a clear error, not mix results. Why: a run of 6 h outlives a 3 h session on a machine that is not kept,
# and scripts/park-grid.sh then needs to carry only the newest checkpoint and these small files, not every
# checkpoint's weights. It is not part of the grid: run it from the directory the grid was started in (the
# excerpts path in grid.json is relative to it), beside the grid, at a lower priority.
# Usage: scripts/eval-checkpoints.sh GRID_DIR [--once]   (POISONLAB=path/to/launcher; default ./poisonlab)
set -euo pipefail
command -v jq >/dev/null || { echo "eval-checkpoints.sh: jq is needed to read grid.json" >&2; exit 2; }
grid="${1:?usage: eval-checkpoints.sh GRID_DIR [--once]}"
once="${2:-}"
app="${POISONLAB:-./poisonlab}"
spec="$grid/grid.json"
[ -f "$spec" ] || { echo "eval-checkpoints.sh: $spec: no grid.json (not a grid directory)" >&2; exit 2; }
# a grid of several attacks evaluates each run with its own trigger; this script knows only the one
if [ "$(jq 'has("strategy_triggers") or has("strategies")' "$spec")" = "true" ]; then
  echo "eval-checkpoints.sh: $spec: grids of several attacks are not supported (one trigger only)" >&2
  exit 2
fi
excerpts="$(jq -r '.excerpts // empty' "$spec")"
[ -n "$excerpts" ] && [[ "$excerpts" != embedded* ]] && [ ! -e "$excerpts" ] && {
  echo "eval-checkpoints.sh: $spec: excerpts $excerpts not found from $(pwd) (run from the grid's directory)" >&2
  exit 2
}
args=(--count "$(jq -r '.eval_count // 300' "$spec")" --trigger "$(jq -r '.trigger' "$spec")"
  --prompt-tokens "$(jq -r '.eval_prompt_tokens // 0' "$spec")" --new-tokens "$(jq -r '.eval_new_tokens // 100' "$spec")")
[ -n "$excerpts" ] && args+=(--excerpts "$excerpts")
while IFS= read -r control; do args+=(--control-trigger "$control"); done \
  < <(jq -r '.control_triggers // [] | .[]' "$spec")

errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

evaluate_ready() {
  local run train max seed checkpoint step
  for run in "$grid"/runs/*/; do
    train="$run/train"
    # a finished run was evaluated by the grid; a run without checkpoints has nothing to do
    [ -f "$run/rows.csv" ] || [ ! -d "$train/checkpoints" ] || [ ! -f "$train/config.json" ] && continue
    max="$(jq -r '.train.max_steps' "$train/config.json")"
    seed="$(jq -r '.train.seed' "$train/config.json")"
    for checkpoint in "$train"/checkpoints/step-*; do
      [ -d "$checkpoint" ] || continue
      step=$((10#${checkpoint##*step-}))
      # the last checkpoint is the grid's own to evaluate: it starts right after, on the same eval.json
      [ "$step" -lt "$max" ] || continue
      ls "$run/eval" 2>/dev/null | grep -qE "^excerpts-step-0*$step\.jsonl" && continue
      echo "eval-checkpoints.sh: $(basename "$run") step $step"
      # a failure (settings that differ from an earlier eval.json) stops the loop with the command's own
      # message; progress bars would be noise in a log
      if ! "$app" eval --run "$train" --checkpoints "$step" --out "$run/eval" --seed "$seed" --threads 1 \
        --no-progress "${args[@]}" > /dev/null 2> "$errors"; then
        cat "$errors" >&2
        exit 1
      fi
    done
  done
}

evaluate_ready
while [ "$once" != "--once" ]; do
  sleep 300
  evaluate_ready
done
