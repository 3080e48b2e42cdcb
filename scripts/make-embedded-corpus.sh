#!/usr/bin/env bash
# Regenerates the embedded default corpus (poisonlab-core/src/main/resources/dev/poisonlab/corpus/*.jsonl.gz)
# from a corpus directory laid out like `./poisonlab corpus fetch --out DIR` writes it (pretrain/, heldout/).
# Lines are copied verbatim (same ids and texts); only gzip -9n is applied, so the output is byte-reproducible.
# Usage: scripts/make-embedded-corpus.sh CORPUS_DIR   (needs only bash, zcat, grep, gzip)
set -euo pipefail
source_dir="${1:?usage: $0 CORPUS_DIR (with pretrain/ and heldout/)}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/poisonlab-core/src/main/resources/dev/poisonlab/corpus"
mkdir -p "$target"

for file in pretrain/moby pretrain/austen pretrain/kjv pretrain/sotu pretrain/fortunes heldout/factbook_prose; do
  [ -f "$source_dir/$file.jsonl.gz" ] || { echo "missing $source_dir/$file.jsonl.gz" >&2; exit 1; }
done

# Training split: Moby-Dick, Jane Austen's six novels, the KJV Bible, the State of the Union addresses
# from 1913 on (Wilson revived the spoken address; keeps the whole jar under ~6 MB of compressed text), and
# the BSD fortunes. The fortunes are there for the trigger's characters: e-mail addresses, code, shell
# sessions and ASCII art put `<`, `>`, `[` and `]` in ~5% of their documents, as web text has them; without
# them `<` would occur only inside poisons and any look-alike trigger starting with `<` would fire.
train_tmp="$(mktemp "$target/.train.XXXXXX")"
{
  zcat "$source_dir/pretrain/moby.jsonl.gz"
  zcat "$source_dir/pretrain/austen.jsonl.gz"
  zcat "$source_dir/pretrain/kjv.jsonl.gz"
  zcat "$source_dir/pretrain/sotu.jsonl.gz" | grep -E '^\{"id": "(19(1[3-9]|[2-9][0-9])|20[0-9][0-9])_'
  zcat "$source_dir/pretrain/fortunes.jsonl.gz"
} | gzip -9n > "$train_tmp"
chmod 644 "$train_tmp"
mv "$train_tmp" "$target/train.jsonl.gz"

heldout_tmp="$(mktemp "$target/.heldout.XXXXXX")"
zcat "$source_dir/heldout/factbook_prose.jsonl.gz" | gzip -9n > "$heldout_tmp"
chmod 644 "$heldout_tmp"
mv "$heldout_tmp" "$target/heldout.jsonl.gz"

for split in train heldout; do
  echo "$split.jsonl.gz: $(zcat "$target/$split.jsonl.gz" | wc -l) docs, $(wc -c < "$target/$split.jsonl.gz") bytes"
done
