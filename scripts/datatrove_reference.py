"""The reference verdicts poisonlab's gopher, c4 and fineweb detectors are checked against: datatrove's
GopherQualityFilter, C4QualityFilter and FineWebQualityFilter (a649de7) with their default settings, without
installing datatrove (its filter bodies are restated below, same order and comparisons) but with spaCy's
blank English tokenizer and sentencizer, which datatrove uses for English. Not part of the build.
Usage: pip install spacy && python scripts/datatrove_reference.py FILE.jsonl[.gz] [--scan SCANDIR]
  prints per file and detector: documents, dropped, FPR, top reason; with --scan (the output of
  `poisonlab scan --detectors gopher,c4,fineweb --corpus FILE`) also the share of documents on which
  poisonlab's first reason equals datatrove's reason.
"""
import collections
import gzip
import json
import re
import sys

import spacy
from spacy.pipeline import Sentencizer

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")
SENT_END = set(Sentencizer.default_punct_chars)
# datatrove.utils.text PUNCTUATION_SET / TERMINAL_PUNCTUATION, read from the Java copy to keep one source
JAVA = open("poisonlab-core/src/main/java/dev/poisonlab/defense/DatatrovePunctuation.java").read()


def code_points(name):
    body = JAVA[JAVA.index(name + " = codePoints(") :].split(");")[0]
    return {chr(int(h, 16)) for h in " ".join(re.findall(r'"([^"]*)"', body)).split()}


PUNCTUATION_SET = code_points("PUNCTUATION_SET")
TERMINAL = tuple(code_points("TERMINAL"))
STOP_WORDS = {"the", "be", "to", "of", "and", "that", "have", "with"}
CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
POLICY = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"]


def words(text):
    return [t.text.strip() for t in NLP.tokenizer(text) if t.text.strip()]


def sentences(text):
    return len(list(NLP(text).sents))


def gopher(text):
    ws = words(text)
    n = len(ws)
    nsw = [w for w in ws if any(ch not in PUNCTUATION_SET for ch in w)]
    if len(nsw) < 50:
        return "gopher_short_doc"
    if len(nsw) > 100000:
        return "gopher_long_doc"
    avg = sum(len(w) for w in nsw) / len(nsw)
    if avg < 3:
        return "gopher_below_avg_threshold"
    if avg > 10:
        return "gopher_above_avg_threshold"
    if text.count("#") / n > 0.1:
        return "gopher_too_many_hashes"
    if (text.count("...") + text.count("…")) / n > 0.1:
        return "gopher_too_many_ellipsis"
    lines = text.splitlines()
    if sum(s.lstrip().startswith("•") or s.lstrip().startswith("-") for s in lines) / len(lines) > 0.9:
        return "gopher_too_many_bullets"
    if sum(s.rstrip().endswith("...") or s.rstrip().endswith("…") for s in lines) / len(lines) > 0.3:
        return "gopher_too_many_end_ellipsis"
    if sum(any(c.isalpha() for c in w) for w in ws) / n < 0.8:
        return "gopher_below_alpha_threshold"
    if len(STOP_WORDS.intersection(set(ws))) < 2:
        return "gopher_enough_stop_words"
    return None


def c4(text):
    num = 0
    for line in text.splitlines():
        line = line.strip()
        ws = line.split()
        if any(len(w) > 1000 for w in ws):
            continue
        line = CITATION.sub("", line)
        if not line.endswith((".", "?", "!", '"', "'")) or line.endswith("..."):
            continue
        if len(ws) < 3:
            continue
        low = line.lower()
        if "lorem ipsum" in low:
            return "lorem_ipsum"
        if "javascript" in low:
            continue
        if "{" in line:
            return "curly_bracket"
        if any(p in low for p in POLICY):
            continue
        num += sentences(line)
    return "too_few_sentences" if num < 5 else None


def fineweb(text):
    lines = [line for line in text.split("\n") if line.strip() != ""]
    if not lines:
        return "empty"
    if sum(1 for line in lines if line.endswith(TERMINAL)) / len(lines) < 0.12:
        return "line_punct_ratio"
    if sum(1 for line in lines if len(line) <= 30) / len(lines) > 0.67:
        return "short_line_ratio"
    seen, dup = set(), 0
    for line in lines:
        if line in seen:
            dup += len(line)
        seen.add(line)
    if dup / len(text.replace("\n", "")) > 0.01:
        return "char_dup_ratio"
    ws = words(text)
    if not ws or text.count("\n") / len(ws) > 0.3:
        return "list_ratio"
    return None


def main(argv):
    scan = argv[argv.index("--scan") + 1] if "--scan" in argv else None
    files = [a for a in argv if a != "--scan" and a != scan]
    java = collections.defaultdict(dict)
    if scan:
        for line in open(scan + "/flagged.jsonl"):
            flag = json.loads(line)
            java[flag["detector"]][flag["id"]] = flag["reason"].split(",")[0]
    for path in files:
        opener = gzip.open if path.endswith(".gz") else open
        docs = [json.loads(line) for line in opener(path, "rt", encoding="utf-8")]
        for name, rule in (("gopher", gopher), ("c4", c4), ("fineweb", fineweb)):
            reasons = [rule(d["text"]) for d in docs]
            dropped = collections.Counter(r for r in reasons if r)
            total = sum(dropped.values())
            top = dropped.most_common(1)[0][0] if dropped else "-"
            line = f"{path} {name}: {len(docs)} docs, dropped {total} ({total / len(docs):.3f}), top {top}"
            if scan:
                same = sum(java[name].get(d["id"]) == r for d, r in zip(docs, reasons))
                line += f", poisonlab agrees on {same / len(docs):.4f}"
            print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
