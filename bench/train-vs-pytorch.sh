#!/usr/bin/env bash
# Training throughput, poisonlab (DJL + PyTorch 2.7.1 natives) vs the same model in PyTorch eager
# (bench/peer_train.py on Debian's python3-torch), preset by preset, same batch, context, threads, machine.
# Usage: bench/train-vs-pytorch.sh [PRESET...]   (env: THREADS=1 BATCH=32 STEPS=10 WARMUP=3 VOCAB=2048)
# Needs: /usr/bin/python3 with torch (apt-get install -y python3-torch). Prints one row per preset.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${THREADS:-1}" batch="${BATCH:-32}" steps="${STEPS:-10}" warmup="${WARMUP:-3}" vocab="${VOCAB:-2048}"
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(nano micro mini small)
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs python3-torch: apt-get install -y python3-torch" >&2; exit 1; }

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); threads=$threads batch=$batch steps=$steps warmup=$warmup vocab=$vocab"
printf '%-8s %10s %14s %14s %8s %10s\n' preset params poisonlab-tok/s pytorch-tok/s ratio gflop/s
for preset in "${presets[@]}"; do
  ours="$("$root/poisonlab" bench train --model "$preset" --json --threads "$threads" --batch-size "$batch" \
    --steps "$steps" --warmup "$warmup" --vocab "$vocab")"
  shape="$(/usr/bin/python3 -c 'import json,sys; m=json.loads(sys.argv[1])["model"];
print(m["layers"], m["heads"], m["embed_dim"], m["context_length"])' "$ours")"
  read -r layers heads embed context <<<"$shape"
  peer="$(/usr/bin/python3 "$root/bench/peer_train.py" --layers "$layers" --heads "$heads" --embed "$embed" \
    --context "$context" --vocab "$vocab" --batch-size "$batch" --steps "$steps" --warmup "$warmup" --threads "$threads")"
  /usr/bin/python3 - "$preset" "$ours" "$peer" <<'PY'
import json, sys
preset, ours, peer = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
ratio = ours["tokensPerSecond"] / peer["tokens_per_s"]
print(f'{preset:<8} {peer["params"]:>10} {ours["tokensPerSecond"]:>14.0f} {peer["tokens_per_s"]:>14.0f} '
      f'{ratio:>7.2f}x {ours["gflopsPerSecond"]:>10.2f}')
PY
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
