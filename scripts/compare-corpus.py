#!/usr/bin/env python3
"""Compares two corpus directories (pretrain/, heldout/) file by file: document counts, ids, texts, and
whether the decompressed JSONL is byte-identical. Usage: scripts/compare-corpus.py MINE REFERENCE"""
import gzip, json, sys, os

mine, reference = sys.argv[1], sys.argv[2]
print(f"{'file':32} {'docs':>7} {'ref':>7} {'same ids':>9} {'same texts':>11} {'ref texts found':>16}  bytes")
for split in ("pretrain", "heldout"):
    for name in sorted(os.listdir(os.path.join(reference, split))):
        ours_path = os.path.join(mine, split, name)
        ref_path = os.path.join(reference, split, name)
        if not os.path.exists(ours_path):
            print(f"{split + '/' + name:32} missing")
            continue
        ours_raw, ref_raw = gzip.open(ours_path).read(), gzip.open(ref_path).read()
        ours = [json.loads(l) for l in ours_raw.splitlines()]
        ref = [json.loads(l) for l in ref_raw.splitlines()]
        ours_by_id = {d["id"]: d["text"] for d in ours}
        same_ids = [d["id"] for d in ours] == [d["id"] for d in ref]
        same_texts = sum(ours_by_id.get(d["id"]) == d["text"] for d in ref)
        found = len({d["text"] for d in ref} & {d["text"] for d in ours})
        identical = "identical" if ours_raw == ref_raw else "differ"
        print(f"{split + '/' + name:32} {len(ours):7} {len(ref):7} {str(same_ids):>9} {same_texts:>11} {found:>16}  {identical}")
