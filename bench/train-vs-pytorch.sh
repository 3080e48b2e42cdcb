#!/usr/bin/env bash
# Training throughput, poisonlab (DJL + PyTorch 2.7.1 natives) vs the same model in PyTorch eager
# (bench/peer_train.py on Debian's python3-torch), preset by preset, same batch, context, threads, machine.
# Usage: bench/train-vs-pytorch.sh [PRESET...]   (env: THREADS=1 BATCH=32 STEPS=10 WARMUP=3 VOCAB=2048)
# Needs: /usr/bin/python3 with torch (apt-get install -y python3-torch) and, for a fair peer, OpenBLAS
# (apt-get install -y libopenblas0-pthread): Debian's torch 1.13 calls the system BLAS, and the reference
# BLAS it gets by default is several times slower. OpenBLAS is loaded for the peer only (LD_LIBRARY_PATH),
# whatever the system's libblas alternative says. Prints one row per preset: wall-clock tokens/s (the figure
# asked for) and tokens per CPU-second (process CPU time; steadier when other work shares the cores).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${THREADS:-1}" batch="${BATCH:-32}" steps="${STEPS:-10}" warmup="${WARMUP:-3}" vocab="${VOCAB:-2048}"
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(nano micro mini small)
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs python3-torch: apt-get install -y python3-torch" >&2; exit 1; }

openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ -f "$openblas/libblas.so.3" ]; then peer_blas="OpenBLAS ($openblas)"; else
  peer_blas="system libblas (install libopenblas0-pthread for a fair peer)"; openblas=""; fi
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); threads=$threads batch=$batch steps=$steps warmup=$warmup vocab=$vocab"
echo "# peer: $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'), BLAS: $peer_blas"
printf '%-8s %9s %13s %13s %7s %9s %13s %13s %7s\n' preset params poisonlab-tok/s pytorch-tok/s ratio gflop/s \
  poisonlab-cpu pytorch-cpu ratio
for preset in "${presets[@]}"; do
  ours="$("$root/poisonlab" bench train --model "$preset" --json --threads "$threads" --batch-size "$batch" \
    --steps "$steps" --warmup "$warmup" --vocab "$vocab")"
  shape="$(/usr/bin/python3 -c 'import json,sys; m=json.loads(sys.argv[1])["model"];
print(m["layers"], m["heads"], m["embed_dim"], m["context_length"])' "$ours")"
  read -r layers heads embed context <<<"$shape"
  peer="$(LD_LIBRARY_PATH="$openblas" OPENBLAS_NUM_THREADS="$threads" /usr/bin/python3 "$root/bench/peer_train.py" --layers "$layers" --heads "$heads" --embed "$embed" \
    --context "$context" --vocab "$vocab" --batch-size "$batch" --steps "$steps" --warmup "$warmup" --threads "$threads")"
  /usr/bin/python3 - "$preset" "$ours" "$peer" <<'PY'
import json, sys
preset, ours, peer = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
ratio = ours["tokensPerSecond"] / peer["tokens_per_s"]
cpu_ratio = ours["tokensPerCpuSecond"] / peer["tokens_per_cpu_s"]
print(f'{preset:<8} {peer["params"]:>9} {ours["tokensPerSecond"]:>15.0f} {peer["tokens_per_s"]:>13.0f} '
      f'{ratio:>6.2f}x {ours["gflopsPerSecond"]:>9.2f} {ours["tokensPerCpuSecond"]:>13.0f} '
      f'{peer["tokens_per_cpu_s"]:>13.0f} {cpu_ratio:>6.2f}x')
PY
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
