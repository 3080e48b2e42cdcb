#!/usr/bin/env python3
"""False-positive rate per clean source of a scan: reads DIR/scores.jsonl, names each clean document's source
from its id (the embedded corpus and data/heldout ids), skips the poisons (ids in TRUTH), prints a Markdown
table of flagged / documents per source and detector. Usage: scripts/scan-fpr-by-source.py DIR TRUTH.jsonl"""
import collections, json, re, sys

directory, truth = sys.argv[1], sys.argv[2]
poisons = {json.loads(line)["id"] for line in open(truth) if line.strip()}


def source(doc_id):
    if re.match(r"^[a-z]{2}\d{2}:", doc_id):
        return "brown"
    match = re.match(r"^([a-z_]+):", doc_id)
    if match:
        return match.group(1)
    if re.match(r"^\d{4}_", doc_id):
        return "sotu"
    if doc_id.startswith("chapter_") or doc_id == "epilogue":
        return "moby"
    return "austen"


documents = collections.Counter()
flagged = collections.defaultdict(collections.Counter)
detectors = []
for line in open(f"{directory}/scores.jsonl"):
    row = json.loads(line)
    detectors = detectors or list(row["scores"])
    if row["id"] in poisons:
        continue
    name = source(row["id"])
    documents[name] += 1
    for detector in row["flagged"]:
        flagged[detector][name] += 1

print("| clean source | documents | " + " | ".join(detectors) + " |")
print("|---|---|" + "---|" * len(detectors))
for name in sorted(documents) + ["all"]:
    total = sum(documents.values()) if name == "all" else documents[name]
    cells = []
    for detector in detectors:
        count = sum(flagged[detector].values()) if name == "all" else flagged[detector][name]
        cells.append(f"{count} ({100 * count / total:.2f}%)")
    print(f"| {name} | {total:,} | " + " | ".join(cells) + " |")
