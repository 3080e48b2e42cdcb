#!/usr/bin/env bash
# Splits the embedded training corpus back into its five sources (the inverse of make-embedded-corpus.sh),
# so that per-source tools see them apart: OUT_DIR/{moby,austen,kjv,sotu,fortunes}.jsonl.gz, lines verbatim.
# The sources are told apart by their ids (SOURCES.md); the files are moved into OUT_DIR only once every line
# is checked to be in exactly one of them, so a failed split writes nothing there.
# Usage: scripts/split-embedded-corpus.sh OUT_DIR; then e.g. ./poisonlab bench quality --corpus OUT_DIR
set -euo pipefail
out="${1:?usage: $0 OUT_DIR}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
train="$root/poisonlab-core/src/main/resources/dev/poisonlab/corpus/train.jsonl.gz"
mkdir -p "$out"
tmp="$(mktemp -d "$out/.split.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

split_one() { # name, extended regex on the line's start
  zcat "$train" | { grep -E "^\{\"id\": \"($2)" || true; } | gzip -9n > "$tmp/$1.jsonl.gz"
}
split_one moby 'chapter_[0-9]+"|epilogue"'
split_one austen '(emma|mansfieldpark|northangerabbey|persuasion|prideprejudice|sensesensibility)-[0-9]+"'
split_one kjv 'kjv:'
split_one sotu '[0-9]{4}_'
split_one fortunes 'fortune:'

# the files together hold each line of the corpus as often as it does: none left out, none in two
if ! cmp -s <(zcat "$train" | LC_ALL=C sort) <(zcat "$tmp"/*.jsonl.gz | LC_ALL=C sort); then
  echo "$train: an id matched no source or two; nothing written to $out" >&2
  exit 1
fi
for name in moby austen kjv sotu fortunes; do
  echo "$name.jsonl.gz: $(zcat "$tmp/$name.jsonl.gz" | wc -l) docs"
  mv "$tmp/$name.jsonl.gz" "$out/$name.jsonl.gz"
done
