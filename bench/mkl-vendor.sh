#!/usr/bin/env bash
# oneMKL's vendor dispatch on AMD CPUs: ./poisonlab with POISONLAB_MKL_VENDOR=off (MKL's own choice) against
# auto (the launcher preloads the shim of poisonlab-core/src/native on AuthenticAMD CPUs), ROUNDS
# interleaved rounds of `bench gemm` and `bench train` at one thread. Prints one line per measurement;
# run it on a quiet machine (docs/train.md, "Speed, session 12"). Usage: bench/mkl-vendor.sh [PRESET ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${ROUNDS:-2}"
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(micro mini small)
grep -qm1 AuthenticAMD /proc/cpuinfo || echo "# not an AMD CPU: both settings run the same kernels" >&2
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for vendor in off auto; do
    peak="$(POISONLAB_MKL_VENDOR=$vendor "$root/poisonlab" bench gemm --threads 1 --json | jq -r '.peakGflops | floor')"
    echo "round $round vendor $vendor gemm-peak $peak GFLOP/s"
    for preset in "${presets[@]}"; do
      POISONLAB_MKL_VENDOR=$vendor "$root/poisonlab" bench train --model "$preset" --threads 1 --steps 6 \
        --warmup 2 --json | jq -r --arg r "$round" --arg v "$vendor" \
        '"round \($r) vendor \($v) \(.preset) tokens/s \(.tokensPerSecond | floor) final-loss \(.finalLoss)"'
    done
  done
done
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
