#!/usr/bin/env python3
"""Peers of vhksim's GPU backends, measured on the same GPU with the same protocol.

usage: peers.py MODEL_YAML OUT_CSV [--case P:D] [--reps N] [--eager-reps N] [--systems eager,compiled]

Two systems on one set of seeded random fp16 weights of the model description's shape:
  eager     transformers' LlamaForCausalLM.generate (eager attention, dynamic cache, greedy);
  compiled  decoder.py: a from-scratch decoder in the style of gpt-fast (static KV cache,
            fused QKV and gate-up matrices, SDPA, one decode step compiled with
            torch.compile(mode="reduce-overhead") so it replays as a CUDA graph).
Protocol as `vhksim gpu`: prefill = generating 1 token, total = generating D+1 tokens, decode =
total - prefill (medians), after warm-ups. Energy from NVML's total-energy counter, read around
every timed run (pynvml): average watts over the total runs, J per prefill (prefill power x
median prefill time), J per decoded token. Also reports whether the two systems' greedy tokens
agree (they share the weights).
"""
import argparse
import csv
import datetime
import os
import statistics
import sys
import time

import torch
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from decoder import Decoder  # noqa: E402

try:
    import pynvml
    pynvml.nvmlInit()
    NVML = pynvml.nvmlDeviceGetHandleByIndex(0)
    pynvml.nvmlDeviceGetTotalEnergyConsumption(NVML)
except Exception as e:  # no NVML: energy columns stay empty
    print(f"energy: NVML not available ({e}); energy columns stay empty")
    NVML = None


def joules():
    return pynvml.nvmlDeviceGetTotalEnergyConsumption(NVML) / 1000.0 if NVML is not None else None


def timed(fn):
    torch.cuda.synchronize()
    j0, t0 = joules(), time.perf_counter()
    out = fn()
    torch.cuda.synchronize()
    ms, j1 = (time.perf_counter() - t0) * 1000.0, joules()
    return ms, (j1 - j0 if j0 is not None else None), out


def measure(name, gen, p, d, reps, warmup_decode):
    """gen(n) generates n tokens after the prompt and returns them (a list of ints)."""
    print(f"{name} {p}:{d}: warm-up", flush=True)
    gen(1)
    gen(min(d, warmup_decode) + 1)
    pre = [timed(lambda: gen(1)) for _ in range(reps)]
    tot = [timed(lambda: gen(d + 1)) for _ in range(reps)]
    pms = [x[0] for x in pre]
    tms = [x[0] for x in tot]
    pm, tm = statistics.median(pms), statistics.median(tms)
    row = {
        "system": name, "prefill": p, "decode": d, "prefill_ms": round(pm, 3),
        "decode_ms_per_token": round((tm - pm) / d, 4), "decode_tokens_per_s": round(d / ((tm - pm) / 1000.0), 2),
        "decode_ms_per_token_min": round((min(tms) - pm) / d, 4), "decode_ms_per_token_max": round((max(tms) - pm) / d, 4),
        "prefill_ms_min": round(min(pms), 3), "prefill_ms_max": round(max(pms), 3), "repetitions": reps,
        "avg_power_w": "", "prefill_j": "", "decode_j_per_token": "",
    }
    if pre[0][1] is not None:
        pw = sum(x[1] for x in pre) / (sum(pms) / 1000.0)
        pj = pw * pm / 1000.0
        tj = statistics.median([x[1] for x in tot])
        row.update(avg_power_w=round(sum(x[1] for x in tot) / (sum(tms) / 1000.0), 1), prefill_j=round(pj, 3),
                   decode_j_per_token=round((tj - pj) / d, 5))
    print(f"{name} {p}:{d}: prefill {pm:.2f} ms, decode {row['decode_ms_per_token']} ms/token "
          f"({row['decode_tokens_per_s']} tokens/s; {row['decode_ms_per_token_min']}-{row['decode_ms_per_token_max']}), "
          f"{row['avg_power_w']} W, {row['decode_j_per_token']} J/token", flush=True)
    return row, tot[-1][2]


def hf_model(desc):
    from transformers import LlamaConfig, LlamaForCausalLM
    cfg = LlamaConfig(
        hidden_size=desc["hidden_size"], intermediate_size=desc["intermediate_size"],
        num_attention_heads=desc["num_attention_heads"],
        num_key_value_heads=desc.get("num_key_value_heads") or desc["num_attention_heads"],
        num_hidden_layers=desc["num_hidden_layers"], vocab_size=desc["vocab_size"],
        rms_norm_eps=desc.get("rms_norm_eps", 1e-5), rope_theta=desc.get("rope_theta", 10000.0),
        max_position_embeddings=desc.get("max_position_embeddings", 2048),
        attention_bias=False, mlp_bias=False, tie_word_embeddings=False, bos_token_id=1, eos_token_id=2)
    cfg._attn_implementation = "eager"
    torch.manual_seed(1234)
    torch.set_default_dtype(torch.float16)
    with torch.device("cuda"):
        m = LlamaForCausalLM(cfg)
    torch.set_default_dtype(torch.float32)
    with torch.no_grad():  # activations of order one, as vhksim's seeded weights
        for n, w in m.named_parameters():
            if w.dim() == 1:
                w.normal_(1.0, 0.1)
            elif "embed_tokens" in n:
                w.normal_(0.0, 1.0)
            else:
                w.normal_(0.0, w.shape[1] ** -0.5)
    return m.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("out")
    ap.add_argument("--case", default="512:512")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--eager-reps", type=int, default=2)
    ap.add_argument("--systems", default="compiled,eager")
    a = ap.parse_args()
    p, d = (int(x) for x in a.case.split(":"))
    desc = yaml.safe_load(open(a.model))
    systems = a.systems.split(",")
    model = hf_model(desc)
    g = torch.Generator().manual_seed(42 + 1000 * p + 1)
    prompt = torch.randint(3, desc["vocab_size"], (1, p), generator=g).cuda()
    rows, tokens = [], {}

    if "compiled" in systems:
        dec = Decoder.from_hf(model, max_len=p + d + 1)
        t0 = time.perf_counter()
        dec.generate(prompt, 2)  # compiles the decode step
        print(f"compiled: torch.compile took {time.perf_counter() - t0:.1f} s", flush=True)
        row, tokens["compiled"] = measure("gpt-fast-style compiled", lambda n: dec.generate(prompt, n), p, d, a.reps, 64)
        rows.append(row)
        del dec
        torch.cuda.empty_cache()

    if "eager" in systems:
        def gen(n):
            with torch.no_grad():
                out = model.generate(prompt, max_new_tokens=n, min_new_tokens=n, do_sample=False,
                                     pad_token_id=0, eos_token_id=None)
            return out[0, p:].tolist()
        row, tokens["eager"] = measure("transformers eager generate", gen, p, d, a.eager_reps, 16)
        rows.append(row)

    if len(tokens) == 2:
        a_, b_ = tokens["compiled"], tokens["eager"]
        same = next((i for i, (x, y) in enumerate(zip(a_, b_)) if x != y), min(len(a_), len(b_)))
        print(f"greedy tokens: compiled and eager agree on the first {same} of {min(len(a_), len(b_))}")
        for r in rows:
            r["tokens_agree_with_other"] = same
    stamp = {"device": torch.cuda.get_device_name(0), "model": desc["name"], "torch": torch.__version__,
             "transformers": __import__("transformers").__version__,
             "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")}
    for r in rows:
        r.update(stamp)
    fields = ["system", "device", "model", "prefill", "decode", "prefill_ms", "decode_ms_per_token", "decode_tokens_per_s",
              "prefill_ms_min", "prefill_ms_max", "decode_ms_per_token_min", "decode_ms_per_token_max", "repetitions",
              "avg_power_w", "prefill_j", "decode_j_per_token", "tokens_agree_with_other", "torch", "transformers", "date"]
    tmp = a.out + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in fields})
    os.replace(tmp, a.out)
    print(f"wrote {len(rows)} rows to {a.out}")


if __name__ == "__main__":
    main()
