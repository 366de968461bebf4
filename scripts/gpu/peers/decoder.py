"""A LLaMA decoder in the style of gpt-fast, written for this project from the model's math.

Static KV cache (preallocated for the whole sequence, written in place), fused QKV and gate-up
matrices, scaled_dot_product_attention over the whole cache with a causal mask (grouped-query
attention when the model has fewer key/value heads), and one decode step compiled with
torch.compile(mode="reduce-overhead"), which captures it as a CUDA graph and replays it per
token. The prompt's forward pass (prefill) runs eagerly. Rounding follows transformers' fp16
LLaMA: RMSNorm statistics in fp32, rotary tables rounded to fp16.
"""
import torch
import torch.nn.functional as F
from torch import nn


class Decoder(nn.Module):
    """Weights, KV caches and tables are the module's buffers: CUDA-graph capture treats buffers
    as static, so writing the caches in place inside the compiled step is allowed."""

    def __init__(self, emb, layers, norm, lm_head, heads, kv_heads, eps, theta, max_len):
        super().__init__()
        self.heads, self.kv_heads, self.eps = heads, kv_heads, eps
        self.hidden = emb.shape[1]
        self.head_dim = self.hidden // heads
        self.max_len = max_len
        dev, dt = emb.device, emb.dtype
        self.n_layers = len(layers)
        for name, t in (("emb", emb), ("norm", norm), ("lm_head", lm_head)):
            self.register_buffer(name, t, persistent=False)
        for i, l in enumerate(layers):
            for name, t in l.items():
                self.register_buffer(f"l{i}_{name}", t, persistent=False)
            for name in ("k", "v"):
                self.register_buffer(f"l{i}_{name}cache", torch.zeros(1, kv_heads, max_len, self.head_dim, device=dev, dtype=dt),
                                     persistent=False)
        inv = 1.0 / (theta ** (torch.arange(0, self.head_dim, 2, device=dev, dtype=torch.float32) / self.head_dim))
        freqs = torch.outer(torch.arange(max_len, device=dev, dtype=torch.float32), inv)
        e = torch.cat([freqs, freqs], -1)
        self.register_buffer("cos", e.cos().to(dt), persistent=False)
        self.register_buffer("sin", e.sin().to(dt), persistent=False)
        self.register_buffer("causal", torch.tril(torch.ones(max_len, max_len, dtype=torch.bool, device=dev)), persistent=False)
        self.decode_one = torch.compile(self._decode, mode="reduce-overhead", fullgraph=True)

    def _layer(self, i):
        g = lambda n: getattr(self, f"l{i}_{n}")  # noqa: E731
        return {n: g(n) for n in ("attn_norm", "wqkv", "wo", "ffn_norm", "w13", "w2")}, g("kcache"), g("vcache")

    @staticmethod
    def from_hf(model, max_len):
        """Takes the weights of a transformers LlamaForCausalLM (fusing QKV and gate-up)."""
        c = model.config
        layers = []
        for l in model.model.layers:
            a, m = l.self_attn, l.mlp
            layers.append(dict(
                attn_norm=l.input_layernorm.weight.detach(),
                wqkv=torch.cat([a.q_proj.weight, a.k_proj.weight, a.v_proj.weight]).detach(),
                wo=a.o_proj.weight.detach(),
                ffn_norm=l.post_attention_layernorm.weight.detach(),
                w13=torch.cat([m.gate_proj.weight, m.up_proj.weight]).detach(),
                w2=m.down_proj.weight.detach()))
        return Decoder(model.model.embed_tokens.weight.detach(), layers, model.model.norm.weight.detach(),
                       model.lm_head.weight.detach(), c.num_attention_heads,
                       c.num_key_value_heads or c.num_attention_heads, c.rms_norm_eps,
                       getattr(c, "rope_theta", None) or c.rope_parameters["rope_theta"], max_len)

    def _rms(self, x, w):
        x32 = x.float()
        return w * (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.eps)).to(x.dtype)

    @staticmethod
    def _rope(x, cos, sin):
        half = x.shape[-1] // 2
        rot = torch.cat([-x[..., half:], x[..., :half]], -1)
        return x * cos + rot * sin

    def forward(self, idx, pos):
        """Logits of the last position of idx [1, T] at positions pos [T]; fills the cache."""
        t = idx.shape[1]
        h_, kv_, d_ = self.heads, self.kv_heads, self.head_dim
        x = F.embedding(idx, self.emb)
        mask = self.causal[pos][None, None]                     # [1, 1, T, max_len]
        cos, sin = self.cos[pos], self.sin[pos]                 # [T, D]
        for i in range(self.n_layers):
            l, kc, vc = self._layer(i)
            qkv = F.linear(self._rms(x, l["attn_norm"]), l["wqkv"])
            q, k, v = qkv.split([h_ * d_, kv_ * d_, kv_ * d_], -1)
            q = self._rope(q.view(1, t, h_, d_).transpose(1, 2), cos, sin)
            k = self._rope(k.view(1, t, kv_, d_).transpose(1, 2), cos, sin)
            v = v.view(1, t, kv_, d_).transpose(1, 2)
            kc.index_copy_(2, pos, k)
            vc.index_copy_(2, pos, v)
            y = F.scaled_dot_product_attention(q, kc, vc, attn_mask=mask, enable_gqa=kv_ != h_)
            x = x + F.linear(y.transpose(1, 2).reshape(1, t, self.hidden), l["wo"])
            g, u = F.linear(self._rms(x, l["ffn_norm"]), l["w13"]).chunk(2, -1)
            x = x + F.linear(F.silu(g) * u, l["w2"])
        return F.linear(self._rms(x[:, -1:], self.norm), self.lm_head)   # [1, 1, V]

    def _decode(self, tok, pos):
        return self.forward(tok, pos).argmax(-1)              # [1, 1]

    @torch.no_grad()
    def generate(self, prompt, n):
        """n greedy tokens after prompt [1, P]: one eager prefill, then n - 1 compiled decode steps."""
        p = prompt.shape[1]
        tok = self.forward(prompt, torch.arange(p, device=prompt.device)).argmax(-1)
        out = [tok]
        pos = torch.tensor([p], device=prompt.device)
        for _ in range(n - 1):
            tok = self.decode_one(tok, pos).clone()           # the graph's output buffer is reused
            out.append(tok)
            pos = pos + 1
        return torch.cat(out, 1)[0].tolist()
