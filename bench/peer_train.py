#!/usr/bin/python3
"""Peer benchmark for `poisonlab bench train`: the same GPT (nanoGPT structure, manual causal attention,
tied head, GPT-2 init), batch, context, AdamW (0.9/0.95, decay on >=2-D tensors) and grad clipping, in
PyTorch eager on random tokens. Prints tokens/s (wall) and tokens per CPU-second as one JSON object. Run with Debian's python3-torch:
/usr/bin/python3 bench/peer_train.py --layers 2 --heads 2 --embed 32 --vocab 2048 --context 256
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, embed, heads):
        super().__init__()
        self.heads = heads
        self.c_attn = nn.Linear(embed, 3 * embed)
        self.c_proj = nn.Linear(embed, embed)

    def forward(self, x, mask):
        B, T, C = x.size()
        D = C // self.heads
        q, k, v = self.c_attn(x).split(C, dim=2)
        q = q.view(B, T, self.heads, D).transpose(1, 2) * (1.0 / math.sqrt(D))  # (B,H,T,D), pre-scaled as in DJL
        k = k.view(B, T, self.heads, D).transpose(1, 2)
        v = v.view(B, T, self.heads, D).transpose(1, 2)
        att = (q @ k.transpose(-2, -1) + mask).softmax(dim=-1)  # (B,H,T,T)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        return self.c_proj(y)


class Block(nn.Module):
    def __init__(self, embed, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(embed)
        self.attn = CausalSelfAttention(embed, heads)
        self.ln_2 = nn.LayerNorm(embed)
        self.c_fc = nn.Linear(embed, 4 * embed)
        self.c_proj = nn.Linear(4 * embed, embed)

    def forward(self, x, mask):
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.c_proj(F.gelu(self.c_fc(self.ln_2(x))))


class Gpt(nn.Module):
    def __init__(self, vocab, context, layers, heads, embed):
        super().__init__()
        self.wte = nn.Embedding(vocab, embed)
        self.wpe = nn.Embedding(context, embed)
        self.h = nn.ModuleList([Block(embed, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(embed)
        for name, p in self.named_parameters():
            if p.dim() >= 2:
                std = 0.02 / math.sqrt(2 * layers) if name.endswith("c_proj.weight") else 0.02
                nn.init.normal_(p, 0.0, std)
            elif name.endswith("bias") and "ln_" not in name:
                nn.init.zeros_(p)

    def forward(self, idx, targets):
        B, T = idx.size()
        mask = torch.full((T, T), float("-inf")).triu(1)  # built per forward, as DJL's side does
        x = self.wte(idx) + self.wpe(torch.arange(T))
        for block in self.h:
            x = block(x, mask)
        logits = F.linear(self.ln_f(x), self.wte.weight)  # tied head
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, required=True)
    parser.add_argument("--heads", type=int, required=True)
    parser.add_argument("--embed", type=int, required=True)
    parser.add_argument("--vocab", type=int, default=2048)
    parser.add_argument("--context", type=int, default=256)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = Gpt(args.vocab, args.context, args.layers, args.heads, args.embed)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    other = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": other, "weight_decay": 0.0}],
                                  lr=args.lr, betas=(0.9, 0.95), eps=1e-8)

    def step():
        idx = torch.randint(args.vocab, (args.batch_size, args.context))
        targets = torch.randint(args.vocab, (args.batch_size, args.context))
        loss = model(idx, targets)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return loss.item()

    for _ in range(args.warmup):
        step()
    start_cpu = time.process_time()
    start = time.perf_counter()
    for _ in range(args.steps):
        loss = step()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - start_cpu
    tokens = args.steps * args.batch_size * args.context
    print(json.dumps({"engine": "pytorch-eager " + torch.__version__, "threads": torch.get_num_threads(),
                      "params": sum(p.numel() for p in model.parameters()), "seconds": seconds,
                      "tokens_per_s": tokens / seconds, "tokens_per_cpu_s": tokens / cpu_seconds,
                      "final_loss": loss}))


if __name__ == "__main__":
    main()
