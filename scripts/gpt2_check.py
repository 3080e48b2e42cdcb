#!/usr/bin/env python3
"""Independent check of a Hugging Face GPT-2 directory (e.g. `poisonlab export --out DIR`), numpy only.

Reads config.json, model.safetensors (F32) and a byte-level BPE tokenizer.json, runs GPT-2's forward pass as
transformers' modeling_gpt2.py defines it (Conv1D weights [in, out], pre-LayerNorm blocks, tied head), and
prints the mean loss in nats per predicted token. Windows as `poisonlab perplexity`: each document is cut into
consecutive non-overlapping windows of n_positions tokens; every token but a window's first is predicted.

  python3 scripts/gpt2_check.py DIR --text "some text"
  python3 scripts/gpt2_check.py DIR --jsonl corpus.jsonl [--text-field text]

Pre-tokenization uses the `regex` module when installed (exact GPT-2 pattern); without it, an re approximation
that is exact for ASCII text.
"""
import argparse
import json
import math
import struct
import sys

import numpy as np

try:
    import regex as _re
    GPT2_PATTERN = _re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
except ImportError:  # approximation: \p{L} ~ [^\W\d_], \p{N} ~ \d
    import re as _re
    GPT2_PATTERN = _re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+|_+""")


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            sys.exit(f"{path}: tensor {name} is {entry['dtype']}; this check reads F32 only")
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4,
                                      offset=8 + length + begin).reshape(entry["shape"]).astype(np.float64)
    return tensors


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


class Bpe:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        model = spec["model"]
        if model.get("type") != "BPE":
            sys.exit(f"{path}: model type {model.get('type')} is not BPE")
        self.vocab = model["vocab"]
        merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in model["merges"]]
        self.ranks = {pair: i for i, pair in enumerate(merges)}
        self.specials = {t["content"]: t["id"] for t in spec.get("added_tokens", []) if t.get("special")}
        self.byte_map = bytes_to_unicode()

    def _word(self, piece):
        parts = [self.byte_map[b] for b in piece.encode("utf-8")]
        while len(parts) > 1:
            pairs = [(self.ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            rank, i = min(pairs)
            if rank == math.inf:
                break
            parts = parts[:i] + [parts[i] + parts[i + 1]] + parts[i + 2:]
        return [self.vocab[p] for p in parts]

    def encode(self, text):
        ids = []
        while True:
            hits = [(text.find(s), -len(s), s) for s in self.specials if text.find(s) >= 0]
            if not hits:
                break
            at, _, special = min(hits)
            ids += self._ordinary(text[:at]) + [self.specials[special]]
            text = text[at + len(special):]
        return ids + self._ordinary(text)

    def _ordinary(self, text):
        return [i for piece in GPT2_PATTERN.findall(text) for i in self._word(piece)]


def gelu(x, kind):
    if kind in ("gelu_new", "gelu_pytorch_tanh", "gelu_fast"):
        return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def token_log_probs(ids, weights, config):
    def w(name):
        return weights["transformer." + name] if "transformer." + name in weights else weights[name]
    n, c, heads = len(ids), config["n_embd"], config["n_head"]
    d = c // heads
    eps = config.get("layer_norm_epsilon", 1e-5)
    act = config.get("activation_function", "gelu_new")
    x = w("wte.weight")[ids] + w("wpe.weight")[:n]
    mask = np.triu(np.full((n, n), -np.inf), 1)
    for layer in range(config["n_layer"]):
        p = f"h.{layer}."
        h = layer_norm(x, w(p + "ln_1.weight"), w(p + "ln_1.bias"), eps)
        qkv = h @ w(p + "attn.c_attn.weight") + w(p + "attn.c_attn.bias")
        q, k, v = (qkv[:, i * c:(i + 1) * c].reshape(n, heads, d).transpose(1, 0, 2) for i in range(3))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(d) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        attended = (scores @ v).transpose(1, 0, 2).reshape(n, c)
        x = x + attended @ w(p + "attn.c_proj.weight") + w(p + "attn.c_proj.bias")
        h = layer_norm(x, w(p + "ln_2.weight"), w(p + "ln_2.bias"), eps)
        up = gelu(h @ w(p + "mlp.c_fc.weight") + w(p + "mlp.c_fc.bias"), act)
        x = x + up @ w(p + "mlp.c_proj.weight") + w(p + "mlp.c_proj.bias")
    logits = layer_norm(x, w("ln_f.weight"), w("ln_f.bias"), eps) @ w("wte.weight").T
    logits -= logits.max(-1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    return log_probs[np.arange(n - 1), ids[1:]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--text")
    group.add_argument("--jsonl")
    parser.add_argument("--text-field", default="text")
    args = parser.parse_args()
    with open(f"{args.directory}/config.json", encoding="utf-8") as f:
        config = json.load(f)
    if config.get("model_type") != "gpt2":
        sys.exit(f"{args.directory}/config.json: model_type {config.get('model_type')} is not gpt2")
    weights = read_safetensors(f"{args.directory}/model.safetensors")
    bpe = Bpe(f"{args.directory}/tokenizer.json")
    if args.text is not None:
        texts = [args.text]
    else:
        with open(args.jsonl, encoding="utf-8") as f:
            texts = [json.loads(line)[args.text_field] for line in f if line.strip()]
    context = config["n_positions"]
    total, count = 0.0, 0
    for text in texts:
        ids = np.array(bpe.encode(text), dtype=np.int64)
        for start in range(0, max(len(ids) - 1, 0), context):
            window = ids[start:start + context]
            if len(window) > 1:
                lp = token_log_probs(window, weights, config)
                total -= lp.sum()
                count += len(lp)
    if count == 0:
        sys.exit("no token to predict")
    mean = total / count
    print(f"documents {len(texts)}  predicted tokens {count}  mean loss {mean:.7f} nats  perplexity {math.exp(mean):.5f}")


if __name__ == "__main__":
    main()
