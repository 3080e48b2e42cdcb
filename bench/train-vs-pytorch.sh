#!/usr/bin/env bash
# Training throughput, poisonlab (DJL + PyTorch 2.7.1 natives) vs the same model in PyTorch eager
# (bench/peer_train.py on Debian's python3-torch), preset by preset, same batch, context, threads, machine,
# REPEATS interleaved rounds (ours, peer, ours, peer, ...), medians reported; the fp32 GEMM peak
# (`bench gemm`) is measured in the same run, before and after, and training's GFLOP/s is shown as a
# fraction of the higher of the two.
# Usage: bench/train-vs-pytorch.sh [PRESET...]
#   env: THREADS=1 BATCH=32 STEPS=10 WARMUP=3 VOCAB=2048 REPEATS=3 PEER_TCMALLOC=1 (also time the peer with
#   tcmalloc preloaded, as ./poisonlab preloads it for us: the allocator-fair comparison)
# Needs: /usr/bin/python3 with torch (apt-get install -y python3-torch) and, for a fair peer, OpenBLAS
# (apt-get install -y libopenblas0-pthread): Debian's torch 1.13 calls the system BLAS, and the reference
# BLAS it gets by default is several times slower. OpenBLAS is loaded for the peer only (LD_LIBRARY_PATH).
# Wall-clock tokens/s is the figure asked for; tokens per CPU-second (process CPU time) is steadier under load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${THREADS:-1}" batch="${BATCH:-32}" steps="${STEPS:-10}" warmup="${WARMUP:-3}" vocab="${VOCAB:-2048}"
repeats="${REPEATS:-3}" peer_tc="${PEER_TCMALLOC:-0}"
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(micro mini small)
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs python3-torch: apt-get install -y python3-torch" >&2; exit 1; }
tcmalloc="$(ls /usr/lib/*/libtcmalloc_minimal.so.4 2>/dev/null | head -1 || true)"
[ "$peer_tc" = 0 ] || [ -n "$tcmalloc" ] || { echo "PEER_TCMALLOC=1 needs libtcmalloc-minimal4" >&2; exit 1; }

openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ -f "$openblas/libblas.so.3" ]; then peer_blas="OpenBLAS ($openblas)"; else
  peer_blas="system libblas (install libopenblas0-pthread for a fair peer)"; openblas=""; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); threads=$threads batch=$batch steps=$steps warmup=$warmup" \
  "vocab=$vocab repeats=$repeats"
echo "# ours: ./poisonlab with POISONLAB_MALLOC=${POISONLAB_MALLOC:-auto} (auto preloads ${tcmalloc:-jemalloc if present, else nothing})"
echo "# peer: $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'), BLAS: $peer_blas"

"$root/poisonlab" bench gemm --threads "$threads" --json > "$out/gemm-before.json"

peer() { # preset layers heads embed context [preload]
  LD_PRELOAD="${6:-}" LD_LIBRARY_PATH="$openblas" OPENBLAS_NUM_THREADS="$threads" /usr/bin/python3 \
    "$root/bench/peer_train.py" --layers "$2" --heads "$3" --embed "$4" --context "$5" --vocab "$vocab" \
    --batch-size "$batch" --steps "$steps" --warmup "$warmup" --threads "$threads"
}
for round in $(seq "$repeats"); do
  for preset in "${presets[@]}"; do
    "$root/poisonlab" bench train --model "$preset" --json --threads "$threads" --batch-size "$batch" \
      --steps "$steps" --warmup "$warmup" --vocab "$vocab" > "$out/ours-$preset-$round.json"
    read -r layers heads embed context < <(/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["model"];
print(m["layers"], m["heads"], m["embed_dim"], m["context_length"])' "$out/ours-$preset-$round.json")
    peer "$preset" "$layers" "$heads" "$embed" "$context" > "$out/peer-$preset-$round.json"
    [ "$peer_tc" = 0 ] || peer "$preset" "$layers" "$heads" "$embed" "$context" "$tcmalloc" \
      > "$out/peertc-$preset-$round.json"
  done
done

"$root/poisonlab" bench gemm --threads "$threads" --json > "$out/gemm-after.json"
/usr/bin/python3 - "$out" "$repeats" "${presets[@]}" <<'PY'
import json, os, statistics, sys
out, repeats, presets = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
load = lambda name: json.load(open(os.path.join(out, name)))
peaks = [load(f"gemm-{w}.json")["peakGflops"] for w in ("before", "after")]
peak = max(peaks)
print(f"# GEMM peak at these threads: {peaks[0]:.1f} before, {peaks[1]:.1f} after -> {peak:.1f} GFLOP/s")
tc = os.path.exists(os.path.join(out, f"peertc-{presets[0]}-1.json"))
head = (f"{'preset':<7} {'params':>9} {'ours tok/s':>10} {'peer tok/s':>10} {'ratio':>6} {'cpu ratio':>9}"
        f"{' peer+tc tok/s  ratio' if tc else ''} {'GFLOP/s':>8} {'of peak':>7}  (medians of {repeats}; ratio range)")
print(head)
for p in presets:
    ours = [load(f"ours-{p}-{r}.json") for r in range(1, repeats + 1)]
    peer = [load(f"peer-{p}-{r}.json") for r in range(1, repeats + 1)]
    med = lambda xs: statistics.median(xs)
    o_tok, p_tok = med([x["tokensPerSecond"] for x in ours]), med([x["tokens_per_s"] for x in peer])
    ratios = [o["tokensPerSecond"] / q["tokens_per_s"] for o, q in zip(ours, peer)]
    cpu = med([o["tokensPerCpuSecond"] / q["tokens_per_cpu_s"] for o, q in zip(ours, peer)])
    gflops = med([x["gflopsPerSecond"] for x in ours])
    row = (f"{p:<7} {peer[0]['params']:>9} {o_tok:>10.0f} {p_tok:>10.0f} {o_tok / p_tok:>5.2f}x {cpu:>8.2f}x")
    if tc:
        ptc = med([load(f"peertc-{p}-{r}.json")["tokens_per_s"] for r in range(1, repeats + 1)])
        row += f" {ptc:>13.0f} {o_tok / ptc:>5.2f}x"
    row += f" {gflops:>8.1f} {100 * gflops / peak:>6.1f}%  ({min(ratios):.2f}-{max(ratios):.2f})"
    print(row)
PY
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
