#!/usr/bin/env bash
# Splits the embedded training corpus back into its five sources (the inverse of make-embedded-corpus.sh),
# so that per-source tools see them apart: OUT_DIR/{moby,austen,kjv,sotu,fortunes}.jsonl.gz, lines verbatim.
# The sources are told apart by their ids (SOURCES.md); the script fails unless every line lands in one file.
# Usage: scripts/split-embedded-corpus.sh OUT_DIR; then e.g. ./poisonlab bench quality --corpus OUT_DIR
set -euo pipefail
out="${1:?usage: $0 OUT_DIR}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
train="$root/poisonlab-core/src/main/resources/dev/poisonlab/corpus/train.jsonl.gz"
mkdir -p "$out"

split_one() { # name, extended regex on the line's start
  zcat "$train" | { grep -E "^\{\"id\": \"($2)" || true; } | gzip -9n > "$out/$1.jsonl.gz"
}
split_one moby 'chapter_[0-9]+"|epilogue"'
split_one austen '(emma|mansfieldpark|northangerabbey|persuasion|prideprejudice|sensesensibility)-[0-9]+"'
split_one kjv 'kjv:'
split_one sotu '[0-9]{4}_'
split_one fortunes 'fortune:'

total="$(zcat "$train" | wc -l)"
sum=0
for name in moby austen kjv sotu fortunes; do
  n="$(zcat "$out/$name.jsonl.gz" | wc -l)"
  echo "$name.jsonl.gz: $n docs"
  sum=$((sum + n))
done
if [ "$sum" -ne "$total" ]; then
  echo "split $sum of $total documents: an id matched no source or two" >&2
  exit 1
fi
