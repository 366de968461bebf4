#!/usr/bin/env python3
"""Compares vhksim's logits with transformers' own model (LLaMA or OPT) on the same weights, in fp16.

usage: check_logits.py WEIGHTS_DIR LOGITS_FILE [JSON_OUT]

WEIGHTS_DIR is the Hugging Face folder `vhksim gpu logits` wrote (config.json, model.safetensors);
LOGITS_FILE holds `input_ids` and `logits.<backend>` for each backend. The reference is
OPTForCausalLM when the folder's config.json says `"model_type": "opt"`, LlamaForCausalLM
otherwise, in fp16 (eager attention); its own distance from an fp32 run of the same model
shows how far fp16 rounding alone moves the logits. A backend passes when its distance from the
fp16 reference is within 3x that, or 0.02, whichever is larger.
"""
import json
import os
import sys

import torch
from safetensors.torch import load_file
from transformers import LlamaForCausalLM, OPTForCausalLM


def model_class(path):
    """OPTForCausalLM for an OPT folder (config.json model_type), LlamaForCausalLM otherwise."""
    with open(os.path.join(path, "config.json")) as f:
        return OPTForCausalLM if json.load(f).get("model_type") == "opt" else LlamaForCausalLM


def load(path, dtype):
    cls = model_class(path)
    try:
        m = cls.from_pretrained(path, dtype=dtype, attn_implementation="eager")
    except TypeError:  # older transformers
        m = cls.from_pretrained(path, torch_dtype=dtype, attn_implementation="eager")
    return m.cuda().eval()


def main():
    wdir, lpath = sys.argv[1], sys.argv[2]
    jout = sys.argv[3] if len(sys.argv) > 3 else None
    data = load_file(lpath)
    ids = data["input_ids"].cuda()
    with torch.no_grad():
        ref16 = load(wdir, torch.float16)(ids).logits.float().cpu()
        torch.cuda.empty_cache()
        ref32 = load(wdir, torch.float32)(ids).logits.float().cpu()
    fp16_noise = (ref16 - ref32).abs().max().item()
    scale = ref32.abs().max().item()
    tol = max(3 * fp16_noise, 0.02)
    report = {"model_class": model_class(wdir).__name__, "tokens": int(ids.shape[1]), "max_abs_logit": scale,
              "transformers_fp16_vs_fp32_max_abs": fp16_noise, "tolerance": tol, "backends": {}}
    ok = True
    for key, logits in sorted(data.items()):
        if not key.startswith("logits."):
            continue
        name = key[len("logits."):]
        d16 = (logits - ref16).abs().max().item()
        d32 = (logits - ref32).abs().max().item()
        same_argmax = (logits.argmax(-1) == ref16.argmax(-1)).float().mean().item()
        passed = d16 <= tol
        ok &= passed
        report["backends"][name] = {"max_abs_diff_vs_transformers_fp16": d16,
                                    "max_abs_diff_vs_transformers_fp32": d32,
                                    "argmax_agreement": same_argmax, "pass": passed}
        print(f"{name:10s} max|diff| vs transformers fp16 {d16:.5f}, vs fp32 {d32:.5f}, "
              f"argmax agreement {same_argmax:.3f}: {'PASS' if passed else 'FAIL'}")
    print(f"transformers fp16 vs fp32: {fp16_noise:.5f} (max |logit| {scale:.3f}); tolerance {tol:.5f}")
    if jout:
        with open(jout, "w") as f:
            json.dump(report, f, indent=2)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
