// Kernels of the `opt` backend (LLaMA- and OPT-family decoding, batch 1). Compiled at run time by NVRTC
// for the GPU at hand, with -DHEAD_DIM=<D>. Storage is fp16 (as raw 16-bit words, so no header is
// needed), arithmetic fp32 (with GEMV_MMA the GEMV's products are the tensor cores': fp16 times fp16,
// exact, summed in fp32). Where Hugging Face's eager model rounds an intermediate to fp16,
// these kernels round there too (rnd), so greedy tokens follow the other backends.
typedef unsigned short h16;
typedef unsigned long long u64;

#ifndef HEAD_DIM
#error "compile with -DHEAD_DIM=<head dimension>"
#endif
#define NEG_INF __int_as_float(0xff800000)
#ifndef GEMV_WARPS
#define GEMV_WARPS 8      // warps per GEMV block; each warp computes two rows
#endif
#ifndef GEMV_UNROLL
#define GEMV_UNROLL 4     // 16-byte loads per lane and row in flight
#endif
#ifndef GEMV_MINBLOCKS
#define GEMV_MINBLOCKS 1  // GEMV blocks that must fit on one SM (caps registers per thread)
#endif
#ifndef GEMV_TRIGGER_END
#define GEMV_TRIGGER_END 0    // 1: a GEMV lets its dependent launch start only after its main loop
#endif
#ifndef ATT_CHUNK
#define ATT_CHUNK 128     // keys per decode-attention split (at most)
#endif
#ifndef ATT_EARLY_LOADS
#define ATT_EARLY_LOADS 0 // 1: attention issues its key/value-cache loads before waiting for the QKV GEMV (they do not depend on it)
#endif
#ifndef ATT_EVEN_SPLITS
#define ATT_EVEN_SPLITS 0 // 1: the context shared evenly among a graph's splits (measured slower); 0: ATT_CHUNK keys each
#endif
#ifndef GEMV_MMA
#define GEMV_MMA 0        // 1: the GEMV's products on the tensor cores (mma.sync, fp16 x staged once); 0: fp32 FMAs
#endif
#ifndef ATT_PUSH
#define ATT_PUSH 0        // 1: a cluster's splits store their partials into its first block's shared memory (one barrier)
#endif
#ifndef ATT_VALUES_LATE
#define ATT_VALUES_LATE 0 // 1: attention's value rows requested after this token's q (on the critical path), not before its wait
#endif
#ifndef ATT_WARPS
#define ATT_WARPS 0       // 1: each warp of an attention split takes 32 keys on its own, two whole key rows per load (HEAD_DIM 128 only)
#endif
#if ATT_WARPS && HEAD_DIM != 128
#undef ATT_WARPS
#define ATT_WARPS 0
#endif
#ifndef ATT_RELEASE_AT_Q
#define ATT_RELEASE_AT_Q 0 // 1 (with ATT_WARPS): attention lets the O projection launch once its q is in, not at its start
#endif
#if ATT_RELEASE_AT_Q && !ATT_WARPS
#undef ATT_RELEASE_AT_Q
#define ATT_RELEASE_AT_Q 0
#endif
#ifndef TIMELINE
#define TIMELINE 0        // 1: decode kernels record their warps' timeline (VHKSIM_OPT_TIMELINE; diagnostics only)
#endif
// Threads of an attention block: one per key of the split, and at least one per head dimension.
#define ATT_THREADS (ATT_CHUNK > HEAD_DIM ? ATT_CHUNK : ((HEAD_DIM + 31) / 32) * 32)

// Programmatic dependent launch (sm_90): a kernel launched with the programmatic-serialization
// attribute may start while the previous one finishes; it reads nothing the previous kernel
// writes before pdl_wait(). Without the attribute (or before sm_90) both are no-ops.
__device__ __forceinline__ void pdl_wait()
{
#if __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.wait;" ::: "memory");
#endif
}

__device__ __forceinline__ void pdl_launch_dependents()
{
#if __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.launch_dependents;" ::: "memory");
#endif
}

// The decode timeline (TIMELINE=1, diagnostics): lane 0 of each warp of a GEMV, thread 0 of each
// attention block, records %globaltimer (ns) at TIMELINE_MARKS points, with its SM and the units it
// did; key tells the launches apart (the weights' or the cache's address). GEMV marks: start, wait
// returned, x loaded, norm statistics reduced, x staged, first batch summed, main loop done, end.
// Attention: start, cache loads issued, wait returned, q rotated, softmax done, values summed,
// splits combined, end. The host sets timeline_records and timeline_capacity, zeroes timeline_count.
#define TIMELINE_MARKS 8
struct TimelineRecord
{
    unsigned long long key;
    unsigned block, warp, sm, units;
    unsigned long long t[TIMELINE_MARKS];
};
#if TIMELINE
__device__ TimelineRecord* timeline_records;
__device__ unsigned timeline_capacity;
__device__ unsigned timeline_count;

__device__ __forceinline__ unsigned long long timeline_now()
{
    unsigned long long t;
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
    return t;
}

__device__ void timeline_write(const void* key, unsigned block, unsigned warp, unsigned units, const unsigned long long* t)
{
    const unsigned i = atomicAdd(&timeline_count, 1u);
    if (i >= timeline_capacity) return;
    TimelineRecord r;
    r.key = (unsigned long long)key;
    r.block = block;
    r.warp = warp;
    asm("mov.u32 %0, %%smid;" : "=r"(r.sm));
    r.units = units;
    for (int k = 0; k < TIMELINE_MARKS; k++) r.t[k] = t[k];
    timeline_records[i] = r;
}
#define TIMELINE_MARK(k) tl[k] = timeline_now()
#define TIMELINE_START unsigned long long tl[TIMELINE_MARKS] = {}; TIMELINE_MARK(0)
#else
#define TIMELINE_MARK(k)
#define TIMELINE_START
#endif

// 16 bytes global -> shared without passing through registers (sm_80+).
__device__ __forceinline__ void cp_async16(void* smem, const void* global)
{
    unsigned long long s;
    asm("cvta.to.shared.u64 %0, %1;" : "=l"(s) : "l"(smem));
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" :: "r"((unsigned)s), "l"(global) : "memory");
}

__device__ __forceinline__ void cp_async_wait_all()
{
    asm volatile("cp.async.commit_group;\ncp.async.wait_group 0;" ::: "memory");
}

// Weights of a later kernel into L2 (they depend on nothing), issued where the memory would
// otherwise idle: while attention runs, and in each GEMV's tail. On sm_90 one bulk prefetch per
// 4 KB piece; elsewhere one prefetch per 128-byte line.
__device__ __forceinline__ void prefetch_l2(const char* p, unsigned bytes)
{
#if __CUDA_ARCH__ >= 900 && defined(__CUDACC_VER_MAJOR__) && __CUDACC_VER_MAJOR__ >= 12
    asm volatile("cp.async.bulk.prefetch.L2.global [%0], %1;" :: "l"(p), "r"(bytes) : "memory");
#else
    for (unsigned o = 0; o < bytes; o += 128) asm volatile("prefetch.global.L2 [%0];" :: "l"(p + o));
#endif
}

// Thread `who` of `workers` prefetches its share of bytes [0, bytes) of pf (16-byte aligned, a
// multiple of 16 bytes long).
__device__ void prefetch_share(const char* pf, unsigned long long bytes, unsigned long long who, unsigned long long workers)
{
    const unsigned long long piece = 4096, pieces = (bytes + piece - 1) / piece;
    for (unsigned long long p = who; p < pieces; p += workers)
        prefetch_l2(pf + p * piece, (unsigned)min(piece, bytes - p * piece));
}

// Thread block clusters (sm_90): a barrier over the cluster's blocks (release/acquire by default, so shared
// memory written before it is visible to the others after it), and a load from the shared memory
// of block `rank` of the cluster.
__device__ __forceinline__ void cluster_sync()
{
#if __CUDA_ARCH__ >= 900
    asm volatile("barrier.cluster.arrive.aligned;\nbarrier.cluster.wait.aligned;" ::: "memory");
#endif
}

__device__ __forceinline__ float cluster_load(const float* local, unsigned rank)
{
#if __CUDA_ARCH__ >= 900
    unsigned a, remote;
    float v;
    asm("{ .reg .u64 p; cvta.to.shared.u64 p, %1; cvt.u32.u64 %0, p; }" : "=r"(a) : "l"(local));
    asm volatile("mapa.shared::cluster.u32 %0, %1, %2;" : "=r"(remote) : "r"(a), "r"(rank));
    asm volatile("ld.shared::cluster.f32 %0, [%1];" : "=f"(v) : "r"(remote) : "memory");
    return v;
#else
    return *local;
#endif
}

// A store into the shared memory of block `rank` of the cluster (visible to it after a cluster barrier).
__device__ __forceinline__ void cluster_store(float* local, unsigned rank, float v)
{
#if __CUDA_ARCH__ >= 900
    unsigned a, remote;
    asm("{ .reg .u64 p; cvta.to.shared.u64 p, %1; cvt.u32.u64 %0, p; }" : "=r"(a) : "l"(local));
    asm volatile("mapa.shared::cluster.u32 %0, %1, %2;" : "=r"(remote) : "r"(a), "r"(rank));
    asm volatile("st.shared::cluster.f32 [%0], %1;" :: "r"(remote), "f"(v) : "memory");
#else
    *local = v;
#endif
}

__device__ __forceinline__ float h2f(h16 h) { float f; asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h)); return f; }
__device__ __forceinline__ h16 f2h(float f) { h16 h; asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h) : "f"(f)); return h; }
__device__ __forceinline__ float rnd(float f) { return h2f(f2h(f)); }

__device__ __forceinline__ float warp_sum(float v)
{
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float warp_max(float v)
{
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

// Block-wide sum (blockDim.x a multiple of 32); every thread gets the total. red: 32 floats.
__device__ float block_sum(float v, float* red)
{
    const int lane = threadIdx.x & 31, w = threadIdx.x >> 5, nw = (blockDim.x + 31) >> 5;
    v = warp_sum(v);
    __syncthreads();                  // red may still be read by a previous reduction
    if (lane == 0) red[w] = v;
    __syncthreads();
    return warp_sum(lane < nw ? red[lane] : 0.f);
}

__device__ float block_max(float v, float* red)
{
    const int lane = threadIdx.x & 31, w = threadIdx.x >> 5, nw = (blockDim.x + 31) >> 5;
    v = warp_max(v);
    __syncthreads();
    if (lane == 0) red[w] = v;
    __syncthreads();
    return warp_max(lane < nw ? red[lane] : NEG_INF);
}

// 16 bytes of weights, read once: bypass L1.
__device__ __forceinline__ uint4 ld_stream(const uint4* p)
{
    uint4 r;
    asm("ld.global.nc.L1::no_allocate.v4.u32 {%0,%1,%2,%3}, [%4];"
        : "=r"(r.x), "=r"(r.y), "=r"(r.z), "=r"(r.w) : "l"(p));
    return r;
}

__device__ __forceinline__ float dot2(unsigned u, float a, float b)
{
    h16 lo, hi;
    asm("mov.b32 {%0,%1}, %2;" : "=h"(lo), "=h"(hi) : "r"(u));
    return fmaf(h2f(hi), b, h2f(lo) * a);
}

// 8 fp16 weights times 8 fp32 inputs (16-byte aligned).
__device__ __forceinline__ float dot8(uint4 w, const float* x)
{
    const float4 a = *(const float4*)x, b = *(const float4*)(x + 4);
    return dot2(w.x, a.x, a.y) + dot2(w.y, a.z, a.w) + dot2(w.z, b.x, b.y) + dot2(w.w, b.z, b.w);
}

// 8 fp16 values (16 bytes) to fp32.
__device__ __forceinline__ void unpack8(uint4 v, float* f)
{
    const unsigned w[4] = {v.x, v.y, v.z, v.w};
#pragma unroll
    for (int i = 0; i < 4; i++)
    {
        h16 lo, hi;
        asm("mov.b32 {%0,%1}, %2;" : "=h"(lo), "=h"(hi) : "r"(w[i]));
        f[2 * i] = h2f(lo);
        f[2 * i + 1] = h2f(hi);
    }
}

// fp16(a + b), elementwise, 8 values to 16 bytes.
__device__ __forceinline__ uint4 pack8(const float* a, const float* b)
{
    unsigned w[4];
#pragma unroll
    for (int i = 0; i < 4; i++)
    {
        const h16 lo = f2h(a[2 * i] + b[2 * i]), hi = f2h(a[2 * i + 1] + b[2 * i + 1]);
        asm("mov.b32 %0, {%1,%2};" : "=r"(w[i]) : "h"(lo), "h"(hi));
    }
    return make_uint4(w[0], w[1], w[2], w[3]);
}

// 8 fp32 values to 8 fp16 (16 bytes), each rounded to nearest.
__device__ __forceinline__ uint4 pack8h(const float* f)
{
    unsigned w[4];
#pragma unroll
    for (int i = 0; i < 4; i++) asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(w[i]) : "f"(f[2 * i + 1]), "f"(f[2 * i]));
    return make_uint4(w[0], w[1], w[2], w[3]);
}

// D = A B + D for one m16n8k16 tile: fp16 A (4 registers of pairs) and B (2), fp32 accumulators.
__device__ __forceinline__ void mma16816(float* d, unsigned a0, unsigned a1, unsigned a2, unsigned a3, unsigned b0, unsigned b1)
{
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1));
}

// ---------------------------------------------------------------------------------------------
// Embedding: row r of x = table[ids[r]] (prefill, int64 ids, position r), or table[state[1]]
// (decode, position state[0]); with a learned position table pos (OPT; its offset already
// applied), plus pos[position], rounded to fp16 as torch adds them.
extern "C" __global__ void embed(const h16* __restrict__ table, const long long* __restrict__ ids,
                                 const int* __restrict__ state, const h16* __restrict__ pos, h16* __restrict__ x, int d)
{
    pdl_launch_dependents();
    pdl_wait();
    const long long tok = ids ? ids[blockIdx.x] : (long long)state[1];
    const long long p = ids ? (long long)blockIdx.x : (long long)state[0];
    const uint4* src = (const uint4*)(table + tok * d);    // d is a multiple of 8
    const uint4* ps = pos ? (const uint4*)(pos + p * d) : (const uint4*)0;
    uint4* dst = (uint4*)(x + (u64)blockIdx.x * d);
    for (int k = threadIdx.x; k < d / 8; k += blockDim.x)
    {
        uint4 v = src[k];
        if (ps)
        {
            float a[8], b[8];
            unpack8(v, a);
            unpack8(ps[k], b);
            v = pack8(a, b);
        }
        dst[k] = v;
    }
}

// ---------------------------------------------------------------------------------------------
// y = W x, W [N, K] row-major fp16 (K a multiple of 8), x [K] fp16, fp32 accumulation.
// With normW, x is normalized first as Hugging Face does: RMSNorm (normed rounded to fp16, times
// the weight rounded to fp16), or, with normB too, LayerNorm ((x - mean)·rstd·w + b in fp32,
// rounded once). x lives in shared memory as fp32 (K floats, dynamic), then the norm's weights
// (K fp16, and K more for normB). bias (null or N values): the linear's bias, added before the
// output is rounded (as cuBLAS's bias epilogue does).
// mode 0: y[r] = dot.  mode 1: y[r] += dot (one rounding, like a GEMM with beta = 1; with a bias,
// y[r] += fp16(dot + bias) as a Linear then a residual add).  mode 3: y[r] = relu(dot) (OPT's fc1).
// mode 2: W = gate and up rows interleaved (2F rows, N = F); y[i] = silu(gate_i) * up_i, rounded as torch does.
// pf, pfBytes: weights of the next matrix; each warp prefetches its share into L2 once its own
// loads are issued (the tail of the kernel, where the memory would idle).
// releaseAtWait: the dependent kernel may launch once the wait returns, not only after the main loop (GEMV_TRIGGER_END):
// with a grid that leaves SMs room for it (gate-up's balanced grid), its blocks take that room and start their first loads.
// Work comes in units: a pair of rows (modes 0, 1) or a gate row and its up row (mode 2). The
// grid is at most as many blocks as fit on the GPU at once; warp w of the grid takes units w,
// w + (all warps), ... so x is staged (and normalized) once per block, not once per wave, and
// every SM gets nearly the same number of units. Each lane keeps GEMV_UNROLL 16-byte loads per
// row in flight, one batch ahead of the arithmetic, the pipeline running on from one unit into
// the next; the first batch is issued before x is staged.
__device__ __forceinline__ void gemv_rows(int unit, int N, int mode, int& r0, int& r1, bool& active)
{
    if (mode == 2)
    {
        active = unit < N;
        r0 = 2 * unit;       // gate and up rows interleaved: [g0; u0; g1; u1; ...]
        r1 = 2 * unit + 1;
    }
    else
    {
        r0 = 2 * unit;
        active = r0 < N;
        r1 = r0 + 1 < N ? r0 + 1 : r0;
    }
    if (!active) r0 = r1 = 0;    // in-bounds loads; the results are dropped
}

// The GEMV's input, staged once per block: x as fp32 in xs, normalized when normW is given (see
// gemv); gs, gb: the norm's weights, arriving by cp.async. All threads; ends in a barrier.
// With GEMV_MMA the final x is also (only, without a norm) written to xh as fp16: the values are fp16
// ones already (x is, and the norms round to fp16), so the tensor cores see exactly what the FMAs would.
__device__ __forceinline__ void gemv_stage_x(const h16* __restrict__ x, const h16* __restrict__ normW, const h16* __restrict__ normB,
                                             float eps, int K, float* xs, h16* gs, h16* gb, h16* xh, float* red, unsigned long long* tl)
{
    const int tid = threadIdx.x, k8 = K >> 3;
    float ss = 0.f, s1 = 0.f;
#pragma unroll 4
    for (int j = tid; j < k8; j += blockDim.x)
    {
        const uint4 xv = *(const uint4*)(x + j * 8);
#if GEMV_MMA
        if (!normW)
        {
            ((uint4*)xh)[j] = xv;
            continue;
        }
#endif
        float f[8];
        unpack8(xv, f);
#pragma unroll
        for (int e = 0; e < 8; e++)
        {
            xs[j * 8 + e] = f[e];
            ss += f[e] * f[e];
            s1 += f[e];
        }
    }
    TIMELINE_MARK(2);
    if (normW && normB)
    {
        // LayerNorm: mean, then the variance about it (each thread re-reads only what it wrote).
        const float mean = block_sum(s1, red) / K;
        float v = 0.f;
        for (int j = tid; j < k8; j += blockDim.x)
#pragma unroll
            for (int e = 0; e < 8; e++)
            {
                const float c = xs[j * 8 + e] - mean;
                v += c * c;
            }
        const float r = rsqrtf(block_sum(v, red) / K + eps);
        TIMELINE_MARK(3);
        cp_async_wait_all();
        for (int j = tid; j < k8; j += blockDim.x)
        {
            float g[8], b[8];
            unpack8(*(const uint4*)(gs + j * 8), g);
            unpack8(*(const uint4*)(gb + j * 8), b);
#if GEMV_MMA
            float v[8];
#pragma unroll
            for (int e = 0; e < 8; e++) v[e] = (xs[j * 8 + e] - mean) * r * g[e] + b[e];
            ((uint4*)xh)[j] = pack8h(v);
#else
#pragma unroll
            for (int e = 0; e < 8; e++) xs[j * 8 + e] = rnd((xs[j * 8 + e] - mean) * r * g[e] + b[e]);
#endif
        }
    }
    else if (normW)
    {
        const float r = rsqrtf(block_sum(ss, red) / K + eps);
        TIMELINE_MARK(3);
        cp_async_wait_all();    // each thread reads back only the norm weights it copied
        for (int j = tid; j < k8; j += blockDim.x)
        {
#if GEMV_MMA
            // x·r rounded to fp16 (two per conversion), times the weight as an fp16x2 product: the same bits as
            // rounding their fp32 product (exact: two 11-bit significands), with an eighth of the conversions.
            const uint4 gv = *(const uint4*)(gs + j * 8);
            const float4 xa = *(const float4*)(xs + j * 8), xb = *(const float4*)(xs + j * 8 + 4);
            const float f[8] = {xa.x, xa.y, xa.z, xa.w, xb.x, xb.y, xb.z, xb.w};
            const unsigned gw[4] = {gv.x, gv.y, gv.z, gv.w};
            unsigned o[4];
#pragma unroll
            for (int i = 0; i < 4; i++)
            {
                unsigned nrm;
                asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(nrm) : "f"(f[2 * i + 1] * r), "f"(f[2 * i] * r));
                asm("mul.rn.f16x2 %0, %1, %2;" : "=r"(o[i]) : "r"(gw[i]), "r"(nrm));
            }
            ((uint4*)xh)[j] = make_uint4(o[0], o[1], o[2], o[3]);
#else
            float g[8];
            unpack8(*(const uint4*)(gs + j * 8), g);
#pragma unroll
            for (int e = 0; e < 8; e++) xs[j * 8 + e] = rnd(g[e] * rnd(xs[j * 8 + e] * r));
#endif
        }
    }
    else TIMELINE_MARK(3);
    __syncthreads();
}

// The norm's weights (independent of the previous kernel) on their way to shared memory.
__device__ __forceinline__ void gemv_fetch_norm(const h16* __restrict__ normW, const h16* __restrict__ normB, int k8, h16* gs, h16* gb)
{
    if (normW)
        for (int j = threadIdx.x; j < k8; j += blockDim.x)
        {
            cp_async16(gs + j * 8, normW + j * 8);
            if (normB) cp_async16(gb + j * 8, normB + j * 8);
        }
}

// A unit's two sums, reduced over the warp, stored by lane 0 as the mode says (see gemv).
__device__ __forceinline__ void gemv_store(int mode, const h16* __restrict__ bias, h16* y, int unit, int r0, int r1, bool active,
                                           float a0, float a1)
{
    a0 = warp_sum(a0);
    a1 = warp_sum(a1);
    if ((threadIdx.x & 31) != 0 || !active) return;
    if (bias && mode != 2)
    {
        a0 += h2f(bias[r0]);
        a1 += h2f(bias[r1]);
        if (mode == 1)
        {
            a0 = rnd(a0);
            a1 = rnd(a1);
        }
    }
    if (mode == 0)
    {
        y[r0] = f2h(a0);
        y[r1] = f2h(a1);
    }
    else if (mode == 3)
    {
        y[r0] = f2h(fmaxf(a0, 0.f));
        y[r1] = f2h(fmaxf(a1, 0.f));
    }
    else if (mode == 1)
    {
        y[r0] = f2h(h2f(y[r0]) + a0);
        if (r1 != r0) y[r1] = f2h(h2f(y[r1]) + a1);
    }
    else
    {
        const float g = rnd(a0), u = rnd(a1);
        y[unit] = f2h(rnd(g / (1.f + expf(-g))) * u);
    }
}

// Batch b of rows r0 and r1: GEMV_UNROLL 16-byte pieces per lane and row, streamed past L1.
__device__ __forceinline__ void gemv_load(const h16* __restrict__ W, int K, int r0, int r1, int b, uint4* v0, uint4* v1)
{
    const int lane = threadIdx.x & 31, k8 = K >> 3;
    const uint4* w0 = (const uint4*)(W + (u64)r0 * K);
    const uint4* w1 = (const uint4*)(W + (u64)r1 * K);
#pragma unroll
    for (int u = 0; u < GEMV_UNROLL; u++)
    {
        const int j = b * 32 * GEMV_UNROLL + lane + 32 * u;
        if (j < k8)
        {
            v0[u] = ld_stream(w0 + j);
            v1[u] = ld_stream(w1 + j);
        }
    }
}

extern "C" __global__ void __launch_bounds__(GEMV_WARPS * 32, GEMV_MINBLOCKS)
gemv(const h16* __restrict__ W, const h16* __restrict__ x, const h16* __restrict__ normW, const h16* __restrict__ normB,
     float eps, const h16* __restrict__ bias, h16* y, int N, int K, int mode, const char* pf, unsigned long long pfBytes,
     int releaseAtWait)
{
    // Dynamic shared memory: x as K floats, then (with normW) the norm's K fp16 weights and (with normB) its K biases;
    // with GEMV_MMA and normW, K more fp16 after room for both (x as fp16).
    extern __shared__ __align__(16) float xs[];
    h16* gs = (h16*)(xs + K);
    h16* gb = gs + K;
    h16* xh = normW ? gb + K : (h16*)xs;    // GEMV_MMA: x as fp16 (without a norm, in place of the unused fp32 x)
    __shared__ float red[32];
    TIMELINE_START;
    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
    const int units = mode == 2 ? N : (N + 1) / 2;
    const int stride = gridDim.x * GEMV_WARPS;
    const int k8 = K >> 3, batches = (k8 + 32 * GEMV_UNROLL - 1) / (32 * GEMV_UNROLL);
    int unit = blockIdx.x * GEMV_WARPS + warp;
    int r0, r1;
    bool active;
    gemv_rows(unit, N, mode, r0, r1, active);

#if !GEMV_TRIGGER_END
    pdl_launch_dependents();
#endif
    gemv_fetch_norm(normW, normB, k8, gs, gb);
    // The first batch of weights (they depend on no earlier kernel) is on its way before the wait.
    uint4 n0[GEMV_UNROLL] = {}, n1[GEMV_UNROLL] = {};
    if (unit < units) gemv_load(W, K, r0, r1, 0, n0, n1);
    pdl_wait();
    if (releaseAtWait) pdl_launch_dependents();
    TIMELINE_MARK(1);
#if TIMELINE
    gemv_stage_x(x, normW, normB, eps, K, xs, gs, gb, xh, red, tl);
#else
    gemv_stage_x(x, normW, normB, eps, K, xs, gs, gb, xh, red, 0);
#endif
    TIMELINE_MARK(4);
#if TIMELINE
    int done = 0;
#define TIMELINE_GEMV_END TIMELINE_MARK(7); if (lane == 0) timeline_write(W, blockIdx.x, warp, done, tl)
#else
#define TIMELINE_GEMV_END
#endif
    const unsigned long long pfWho = (unsigned long long)(blockIdx.x * GEMV_WARPS + warp) * 32 + lane,
                             pfWorkers = (unsigned long long)gridDim.x * blockDim.x;
    if (unit >= units)
    {
        TIMELINE_MARK(5);
        TIMELINE_MARK(6);
        if (pfBytes) prefetch_share(pf, pfBytes, pfWho, pfWorkers);
#if GEMV_TRIGGER_END
        pdl_launch_dependents();
#endif
        TIMELINE_GEMV_END;
        return;
    }

    float a0 = 0.f, a1 = 0.f;
#if GEMV_MMA
    // Tensor-core form: one m16n8k16 product per 4 columns of the two rows. Tile row g (g = lane / 4) is
    // row r0's, row g + 8 row r1's, "chunk" g; column n of B is x's chunk n, so the tile's diagonal
    // C[g][g] (and C[g+8][g]) sums the products of lanes 4g..4g+3 (the k slots 2t, 2t+1, 2t+8, 2t+9 of lane
    // 4g + t are its own four columns, the same in A and B). Lane (g, t = g / 2) holds those diagonal
    // entries; the warp sum adds the chunks.
    float acc[4] = {0.f, 0.f, 0.f, 0.f};
    const int group = lane >> 2, own = (lane & 3) == (group >> 1);
#endif
    int b = 0;
    for (;;)
    {
        uint4 c0[GEMV_UNROLL], c1[GEMV_UNROLL];
#pragma unroll
        for (int u = 0; u < GEMV_UNROLL; u++)
        {
            c0[u] = n0[u];
            c1[u] = n1[u];
        }
        // The next batch: this unit's, or the first of the warp's next unit.
        int nb = b + 1, nunit = unit;
        if (nb == batches)
        {
            nb = 0;
            nunit = unit + stride;
        }
        int q0 = r0, q1 = r1;
        bool nactive = active;
        if (nunit != unit && nunit < units) gemv_rows(nunit, N, mode, q0, q1, nactive);
        if (nunit < units) gemv_load(W, K, q0, q1, nb, n0, n1);
#if GEMV_MMA
#pragma unroll
        for (int u = 0; u < GEMV_UNROLL; u++)
        {
            const int j = b * 32 * GEMV_UNROLL + lane + 32 * u;
            // Past K a lane's x is zero (its weight registers hold earlier, finite weights).
            const uint4 xv = j < k8 ? ((const uint4*)xh)[j] : make_uint4(0u, 0u, 0u, 0u);
            mma16816(acc, c0[u].x, c1[u].x, c0[u].y, c1[u].y, xv.x, xv.y);
            mma16816(acc, c0[u].z, c1[u].z, c0[u].w, c1[u].w, xv.z, xv.w);
        }
        if (b == batches - 1)
        {
            // Constant indices only: a register array indexed at run time would live in local memory.
            const bool odd = group & 1;
            a0 = own ? (odd ? acc[1] : acc[0]) : 0.f;
            a1 = own ? (odd ? acc[3] : acc[2]) : 0.f;
            acc[0] = acc[1] = acc[2] = acc[3] = 0.f;
        }
#else
#pragma unroll
        for (int u = 0; u < GEMV_UNROLL; u++)
        {
            const int j = b * 32 * GEMV_UNROLL + lane + 32 * u;
            if (j < k8)
            {
                a0 += dot8(c0[u], xs + j * 8);
                a1 += dot8(c1[u], xs + j * 8);
            }
        }
#endif
#if TIMELINE
        if (tl[5] == 0) TIMELINE_MARK(5);
#endif
        if (b == batches - 1)
        {
            gemv_store(mode, bias, y, unit, r0, r1, active, a0, a1);
            a0 = a1 = 0.f;
#if TIMELINE
            done++;
#endif
        }
        if (nunit >= units) break;
        unit = nunit;
        b = nb;
        r0 = q0;
        r1 = q1;
        active = nactive;
    }
    TIMELINE_MARK(6);
    if (pfBytes) prefetch_share(pf, pfBytes, pfWho, pfWorkers);
#if GEMV_TRIGGER_END
    pdl_launch_dependents();
#endif
    TIMELINE_GEMV_END;
}

// ---------------------------------------------------------------------------------------------
// Rotary embedding of q and k, and the KV-cache write, for the T tokens of a prompt. qkv rows
// are [q | k | v]: H query heads, then KVH key and KVH value heads (KVH < H: grouped-query
// attention), each of HEAD_DIM. Token t sits at position t.
// cosT, sinT: [positions, HEAD_DIM/2] fp32 holding fp16 values (Hugging Face's cos.to(dtype)).
// Writes rotated q to q [T, H·D], and k, v to the caches [KVH, maxPos, D].
// grid (T, H), block HEAD_DIM/2.
extern "C" __global__ void rope_kv(const h16* __restrict__ qkv, const float* __restrict__ cosT, const float* __restrict__ sinT,
                                   h16* __restrict__ q, h16* __restrict__ kc, h16* __restrict__ vc, int H, int KVH, int maxPos)
{
    const int t = blockIdx.x, h = blockIdx.y, i = threadIdx.x;
    const int half = HEAD_DIM / 2, d = H * HEAD_DIM, dkv = KVH * HEAD_DIM;
    const int pos = t;
    const h16* base = qkv + (u64)t * (d + 2 * dkv);
    const h16* row = base + h * HEAD_DIM;
    const float c = cosT[pos * half + i], s = sinT[pos * half + i];
    // out_i = x_i cos - x_{i+half} sin, out_{i+half} = x_{i+half} cos + x_i sin, each product rounded.
    const float q1 = h2f(row[i]), q2 = h2f(row[i + half]);
    h16* qo = q + (u64)t * d + h * HEAD_DIM;
    qo[i] = f2h(rnd(q1 * c) - rnd(q2 * s));
    qo[i + half] = f2h(rnd(q2 * c) + rnd(q1 * s));
    if (h >= KVH) return;
    const h16* kr = base + d + h * HEAD_DIM;
    const h16* vr = base + d + dkv + h * HEAD_DIM;
    const float k1 = h2f(kr[i]), k2 = h2f(kr[i + half]);
    const u64 cb = ((u64)h * maxPos + pos) * HEAD_DIM;
    kc[cb + i] = f2h(rnd(k1 * c) - rnd(k2 * s));
    kc[cb + i + half] = f2h(rnd(k2 * c) + rnd(k1 * s));
    vc[cb + i] = vr[i];
    vc[cb + i + half] = vr[i + half];
}

// ---------------------------------------------------------------------------------------------
// Decode attention, flash-decoding style, with the rotary embedding, the KV-cache write and
// the combining of splits folded in (one launch per layer instead of three). The context (keys
// 0..pos, pos = state[0]) is cut into gridDim.y splits of at most ATT_CHUNK keys (ATT_EVEN_SPLITS: of
// equal length); block (h, s) handles query head
// h and split s, reading key/value head h / (H / KVH). qkv: this token's [q | k | v] row.
//  - Every block rotates q itself; the new token's split also rotates k, and uses its k and v
//    from qkv rather than the cache (blocks of the same launch cannot see each other's writes);
//    the first query head of each group writes them to the cache for later steps.
//  - The key rows are loaded into registers before the wait (ATT_EARLY_LOADS), one per thread or,
//    with ATT_WARPS, 32 per warp, two whole rows per load instruction; the value rows go into
//    shared memory (cp.async), before the wait or after q (ATT_VALUES_LATE); the scores and the
//    softmax overlap their arrival. With ATT_WARPS each warp's keys are a split of their own until
//    one block barrier combines the four.
//  - Each block writes its split's max m, sum l of exp(score - m) and unnormalized output o;
//    the last block of a head to finish (counted in counters[h], reset by it) combines them
//    into out [H·D] fp16; with clustered (the splits of a head launched as one cluster), the
//    partials stay in shared memory and the head's first block combines them from there (ATT_PUSH:
//    each split stores them into the first block's shared memory before the cluster barrier, so the
//    others may leave right after it).
// grid (H, splits), block ATT_THREADS.

// Value rows [first, first + rows) of a split (from src, HEAD_DIM apart) on their way into vs (cp.async), shared by
// `workers` threads of which this is `who` (the block's threads, or a warp's lanes with ATT_WARPS).
__device__ __forceinline__ void att_load_values(h16 (*vs)[HEAD_DIM], const h16* src, int first, int rows, int who, int workers)
{
    for (int i = who; i < rows * (HEAD_DIM / 8); i += workers)
    {
        const int r = first + i / (HEAD_DIM / 8), c = i % (HEAD_DIM / 8);
        cp_async16(&vs[r][c * 8], src + (u64)r * HEAD_DIM + c * 8);
    }
}

// A split's partials for the combine: thread tid < HEAD_DIM its dimension's output o, thread 0 the max m and the sum l;
// clustered into clusterO and clusterML in shared memory (with ATT_PUSH the first block's), else into the global partO
// and partML.
__device__ __forceinline__ void att_store_split(bool clustered, float* clusterO, float* clusterML, float* partO, float* partML,
                                                float o, float m, float l)
{
    const int tid = threadIdx.x;
    if (tid < HEAD_DIM)
    {
#if ATT_PUSH
        if (clustered) cluster_store(clusterO + tid, 0, o);
#else
        if (clustered) clusterO[tid] = o;
#endif
        else partO[tid] = o;
    }
    if (tid == 0)
    {
        if (clustered)
        {
#if ATT_PUSH
            cluster_store(clusterML, 0, m);
            cluster_store(clusterML + 1, 0, l);
#else
            clusterML[0] = m;
            clusterML[1] = l;
#endif
        }
        else
        {
            partML[0] = m;
            partML[1] = l;
        }
    }
}

#if ATT_WARPS
// 8 fp32 values holding fp16 ones as 8 fp16 (exact).
__device__ __forceinline__ uint4 pack8f(float4 a, float4 b)
{
    uint4 r;
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r.x) : "f"(a.y), "f"(a.x));
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r.y) : "f"(a.w), "f"(a.z));
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r.z) : "f"(b.y), "f"(b.x));
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r.w) : "f"(b.w), "f"(b.z));
    return r;
}

// Rotary embedding of 8 dimensions (i of 8c..8c+7) from their fp16 values and their partners' (i ^ 64): the first
// half of a head out_i = x_i cos - x_{i+64} sin, the second x_i cos + x_{i-64} sin, each product rounded to fp16 and
// the result too (what rope_kv and Hugging Face's q hold). In fp16x2 arithmetic, the same bits: the fp32 product of
// two fp16 values is exact, and so is the fp32 difference of two wherever rounding it could differ from fp16's.
__device__ __forceinline__ uint4 att_rotate8(uint4 own, uint4 partner, uint4 cs, uint4 sn, bool firstHalf)
{
    const unsigned x[4] = {own.x, own.y, own.z, own.w}, y[4] = {partner.x, partner.y, partner.z, partner.w};
    const unsigned cw[4] = {cs.x, cs.y, cs.z, cs.w}, sw[4] = {sn.x, sn.y, sn.z, sn.w};
    unsigned o[4];
#pragma unroll
    for (int i = 0; i < 4; i++)
    {
        unsigned a, b;
        asm("mul.rn.f16x2 %0, %1, %2;" : "=r"(a) : "r"(x[i]), "r"(cw[i]));
        asm("mul.rn.f16x2 %0, %1, %2;" : "=r"(b) : "r"(y[i]), "r"(sw[i]));
        if (firstHalf) asm("sub.rn.f16x2 %0, %1, %2;" : "=r"(o[i]) : "r"(a), "r"(b));
        else asm("add.rn.f16x2 %0, %1, %2;" : "=r"(o[i]) : "r"(a), "r"(b));
    }
    return make_uint4(o[0], o[1], o[2], o[3]);
}

// 8 fp16 values times 8 fp32 values held in registers.
__device__ __forceinline__ float dot8r(uint4 w, const float* x)
{
    return dot2(w.x, x[0], x[1]) + dot2(w.y, x[2], x[3]) + dot2(w.z, x[4], x[5]) + dot2(w.w, x[6], x[7]);
}

// 4 fp16 values (8 bytes) to fp32.
__device__ __forceinline__ void unpack4(uint2 v, float* f)
{
    h16 a, b, c, d;
    asm("mov.b32 {%0,%1}, %2;" : "=h"(a), "=h"(b) : "r"(v.x));
    asm("mov.b32 {%0,%1}, %2;" : "=h"(c), "=h"(d) : "r"(v.y));
    f[0] = h2f(a);
    f[1] = h2f(b);
    f[2] = h2f(c);
    f[3] = h2f(d);
}

// The 16 lanes of a half-warp hold partial dot products part[i] of its 16 rows i over 8 dimensions each; a
// reduce-scatter (xor 8, 4, 2, 1: 15 shuffles, where 16 full reductions would take 64) leaves lane c the sum of row c.
__device__ __forceinline__ float att_scores_scatter(const float* part, int c)
{
    const unsigned all = 0xffffffffu;
    const bool b3 = c & 8, b2 = c & 4, b1 = c & 2, b0 = c & 1;
    float a[8], b[4], d[2];
#pragma unroll
    for (int k = 0; k < 8; k++) a[k] = (b3 ? part[k + 8] : part[k]) + __shfl_xor_sync(all, b3 ? part[k] : part[k + 8], 8);
#pragma unroll
    for (int k = 0; k < 4; k++) b[k] = (b2 ? a[k + 4] : a[k]) + __shfl_xor_sync(all, b2 ? a[k] : a[k + 4], 4);
#pragma unroll
    for (int k = 0; k < 2; k++) d[k] = (b1 ? b[k + 2] : b[k]) + __shfl_xor_sync(all, b1 ? b[k] : b[k + 2], 2);
    return (b0 ? d[1] : d[0]) + __shfl_xor_sync(all, b0 ? d[0] : d[1], 1);
}
#endif

// With ATT_WARPS at most 128 registers (4 blocks per SM's registers), so that a GEMV block fits beside one or two.
extern "C" __global__ void __launch_bounds__(ATT_THREADS, ATT_WARPS ? 4 : 1)
attn_decode(const h16* __restrict__ qkv, const int* __restrict__ state,
            const float* __restrict__ cosT, const float* __restrict__ sinT,
            h16* kc, h16* vc, int maxPos, float scale, float* partO, float* partML,
            int* counters, h16* __restrict__ out, int H, int KVH, const char* pf, unsigned long long pfBytes, int clustered)
{
    // With clustered (the launch's clusters are the splits of one head), the partials stay in shared
    // memory and the head's first block combines them from there: no global round trips.
    __shared__ __align__(16) float cO[HEAD_DIM];
    __shared__ float cML[2];
#if ATT_PUSH
    __shared__ __align__(16) float pushO[8][HEAD_DIM];    // the first block's: every split's partials (at most 8 in a cluster)
    __shared__ float pushML[8][2];
#endif
    __shared__ __align__(16) h16 vs[ATT_CHUNK][HEAD_DIM];
#if ATT_WARPS
    __shared__ __align__(16) float wo[ATT_THREADS / 32][HEAD_DIM];    // each warp's unnormalized output
    __shared__ float wml[ATT_THREADS / 32][2];                        // and its max and sum
#else
    __shared__ __align__(16) float qs[HEAD_DIM];
    __shared__ __align__(16) h16 knew[HEAD_DIM];
    __shared__ float p[ATT_THREADS];
#endif
    __shared__ float red[32];
    __shared__ int isLast;
    TIMELINE_START;
    const int h = blockIdx.x, s = blockIdx.y, splits = gridDim.y, tid = threadIdx.x;
#if TIMELINE
    int keys = 0;
#define TIMELINE_ATT_END TIMELINE_MARK(7); if (tid == 0) timeline_write(kc, h, s, keys, tl)
#else
#define TIMELINE_ATT_END
#endif
    const int group = H / KVH, kvh = h / group, half = HEAD_DIM / 2;
    const int d = H * HEAD_DIM, dkv = KVH * HEAD_DIM;
#if !ATT_RELEASE_AT_Q
    pdl_launch_dependents();
#endif
#if !ATT_EARLY_LOADS
    pdl_wait();
    TIMELINE_MARK(1);
    TIMELINE_MARK(2);
#endif
    // The O projection's weights (pf) stream into L2 while attention runs on a fraction of the GPU;
    // issued after this block's own loads, so that those are not queued behind them.
    const unsigned long long pfWho = ((unsigned long long)s * gridDim.x + h) * blockDim.x + tid,
                             pfWorkers = (unsigned long long)gridDim.x * gridDim.y * blockDim.x;
    const int pos = state[0], len = pos + 1;
    // The graph launches splits = ceil(bucket capacity / ATT_CHUNK) >= ceil(len / ATT_CHUNK), so an
    // even share is at most ATT_CHUNK keys; every block gets one, which shortens the longest.
    const int chunk = ATT_EVEN_SPLITS ? (len + splits - 1) / splits : ATT_CHUNK;
    const int start = s * chunk;
    const u64 pi = (u64)h * splits + s;
#if ATT_PUSH
    float* const splitO = pushO[s];    // this split's partials in the first block's shared memory (cluster_store to rank 0)
    float* const splitML = pushML[s];
#else
    float* const splitO = cO;
    float* const splitML = cML;
#endif
    const h16* vnew = qkv + d + dkv + kvh * HEAD_DIM;
    if (start < len)
    {
        const int n = min(chunk, len - start);
        const bool hasNew = pos < start + chunk;
        const u64 base = ((u64)kvh * maxPos + start) * HEAD_DIM;
        const int cached = hasNew ? n - 1 : n;            // rows to take from the cache
#if ATT_WARPS
        // Each warp takes 32 of the split's keys on its own (ATT_WARPS): warp w keys [32w, 32w + 32), half-warp hw
        // of it rows 2i + hw (i < 16) and lane c of that half their bytes 16c..16c+15, so that one load instruction
        // reads two whole rows (2 x 256 B) where one row per thread touched 32; softmax statistics per warp, one block
        // barrier to combine the four warps (see att_rotate8, att_scores_scatter).
        const int warp = tid >> 5, lane = tid & 31, hw = lane >> 4, c = lane & 15;
        const int first = warp * 32, cnt = max(0, min(32, n - first));    // this warp's keys
        const int newLocal = hasNew ? n - 1 - first : -1;                  // the new key's row in this warp, if here
        uint4 kr[16];
        {
            const uint4* krow = (const uint4*)(kc + base + (u64)first * HEAD_DIM) + c;
#pragma unroll
            for (int i = 0; i < 16; i++)
            {
                const int r = 2 * i + hw;
                kr[i] = make_uint4(0u, 0u, 0u, 0u);
                if (r < cnt && r != newLocal) kr[i] = krow[r * (HEAD_DIM / 8)];
            }
        }
        const int valueRows = hasNew ? min(cnt, n - 1 - first) : cnt;    // this warp's value rows from the cache
#if !ATT_VALUES_LATE
        att_load_values(vs, vc + base, first, valueRows, lane, 32);
#endif
#if ATT_EARLY_LOADS
        TIMELINE_MARK(1);
        pdl_wait();
        TIMELINE_MARK(2);
#endif
        if (pfBytes) prefetch_share(pf, pfBytes, pfWho, pfWorkers);
        // This token's q (and new k): this lane's 8 dimensions and their rotation partners (c ^ 8); the rotation's cos and
        // sin for them (after the wait too: an L2 round trip beside q's, where before it they held up the wait).
        const uint4* qr = (const uint4*)(qkv + h * HEAD_DIM);
        const uint4* kn = (const uint4*)(qkv + d + kvh * HEAD_DIM);
        const uint4 qOwn = qr[c], qPartner = qr[c ^ 8];
        uint4 kOwn = make_uint4(0u, 0u, 0u, 0u), kPartner = kOwn;
        if (hasNew)
        {
            kOwn = kn[c];
            kPartner = kn[c ^ 8];
        }
        const float4* cp = (const float4*)(cosT + pos * half + 8 * (c & 7));
        const float4* sp = (const float4*)(sinT + pos * half + 8 * (c & 7));
        const float4 c0 = cp[0], c1 = cp[1], s0 = sp[0], s1 = sp[1];
        // The new value row's four dimensions of this lane (summed in place of the cache's row).
        const uint2 vNew = hasNew ? ((const uint2*)vnew)[lane] : make_uint2(0u, 0u);
#if ATT_VALUES_LATE
        att_load_values(vs, vc + base, first, valueRows, lane, 32);    // after q: needed after the softmax
#endif
        const uint4 csh = pack8f(c0, c1), snh = pack8f(s0, s1);    // fp16 pairs: the tables hold fp16 values (exact)
        float qf[8];
        unpack8(att_rotate8(qOwn, qPartner, csh, snh, c < 8), qf);
        uint4 kNew = make_uint4(0u, 0u, 0u, 0u);
        if (hasNew)
        {
            kNew = att_rotate8(kOwn, kPartner, csh, snh, c < 8);
#pragma unroll
            for (int i = 0; i < 16; i++)
                if (2 * i + hw == newLocal) kr[i] = kNew;
        }
#if ATT_RELEASE_AT_Q
        pdl_launch_dependents();    // q is in: the O projection's first loads no longer queue ahead of it
#endif
        TIMELINE_MARK(3);
        float part[16];
#pragma unroll
        for (int i = 0; i < 16; i++) part[i] = dot8r(kr[i], qf);
        const int row = 2 * c + hw;    // the key whose score this lane ends with
        const float sum = att_scores_scatter(part, c);
        const float score = row < cnt ? sum * scale : NEG_INF;
        const float mw = warp_max(score);
        const float e = row < cnt ? expf(score - mw) : 0.f;
        const float lw = warp_sum(e);
        TIMELINE_MARK(4);
#if TIMELINE
        keys = n;
#endif
        cp_async_wait_all();
        __syncwarp();
        // Lane l: value dimensions 4l..4l+3 over this warp's keys (p from the lane that holds the key's score).
        float o4[4] = {0.f, 0.f, 0.f, 0.f};
        const uint2* vrow = (const uint2*)&vs[first][0] + lane;
#pragma unroll
        for (int j = 0; j < 32; j++)
        {
            if (j >= cnt) break;
            const float pj = __shfl_sync(0xffffffffu, e, 16 * (j & 1) + (j >> 1));
            const uint2 v = j == newLocal ? vNew : vrow[j * (HEAD_DIM / 4)];
            float vf[4];
            unpack4(v, vf);
#pragma unroll
            for (int k = 0; k < 4; k++) o4[k] += pj * vf[k];
        }
        *(float4*)&wo[warp][4 * lane] = make_float4(o4[0], o4[1], o4[2], o4[3]);
        if (lane == 0)
        {
            wml[warp][0] = cnt > 0 ? mw : NEG_INF;
            wml[warp][1] = lw;
        }
        __syncthreads();
        // The split's max, sum and output from its warps' (a warp without keys has max -inf).
        float m = NEG_INF;
#pragma unroll
        for (int w = 0; w < ATT_THREADS / 32; w++) m = fmaxf(m, wml[w][0]);
        float l = 0.f, o = 0.f;
#pragma unroll
        for (int w = 0; w < ATT_THREADS / 32; w++)
            if (wml[w][0] != NEG_INF)
            {
                const float f = expf(wml[w][0] - m);
                l += wml[w][1] * f;
                if (tid < HEAD_DIM) o += wo[w][tid] * f;
            }
        TIMELINE_MARK(5);
        att_store_split(clustered, splitO, splitML, partO + pi * HEAD_DIM, partML + 2 * pi, o, m, l);
        if (hasNew && h % group == 0)
        {
            const u64 cb = ((u64)kvh * maxPos + pos) * HEAD_DIM;
            if (tid < HEAD_DIM / 8) ((uint4*)(kc + cb))[tid] = kNew;
            if (tid < HEAD_DIM) vc[cb + tid] = vnew[tid];
        }
#else
#if !ATT_VALUES_LATE
        att_load_values(vs, vc + base, 0, cached, tid, blockDim.x);
#endif
        const bool mine = tid < n, isNew = start + tid == pos;
        uint4 kr[HEAD_DIM / 8];
        if (mine && !isNew)
        {
            const uint4* src = (const uint4*)(kc + base + (u64)tid * HEAD_DIM);
#pragma unroll
            for (int j = 0; j < HEAD_DIM / 8; j++) kr[j] = src[j];
        }
        // The rotation's cos and sin depend on the position alone.
        const float c = tid < half ? cosT[pos * half + tid] : 0.f, sn = tid < half ? sinT[pos * half + tid] : 0.f;
#if ATT_EARLY_LOADS
        // The position (state) and the cached rows were written by earlier steps; this token's q, k
        // and v are the QKV GEMV's output.
        TIMELINE_MARK(1);
        pdl_wait();
        TIMELINE_MARK(2);
#endif
        if (pfBytes) prefetch_share(pf, pfBytes, pfWho, pfWorkers);
        // This token's q and (in the split that holds it) new k, as raw fp16 until they are used.
        const h16* qr = qkv + h * HEAD_DIM;
        const h16* kn = qkv + d + kvh * HEAD_DIM;
        h16 q1r = 0, q2r = 0, k1r = 0, k2r = 0;
        if (tid < half)
        {
            q1r = qr[tid];
            q2r = qr[tid + half];
            if (hasNew)
            {
                k1r = kn[tid];
                k2r = kn[tid + half];
            }
        }
#if ATT_VALUES_LATE
        att_load_values(vs, vc + base, 0, cached, tid, blockDim.x);    // after q's loads: they are needed only after the softmax
#endif
        if (tid < half)
        {
            // out_i = x_i cos - x_{i+half} sin, out_{i+half} = x_{i+half} cos + x_i sin, each
            // product rounded, the result rounded to fp16 (what the cache and HF's q hold).
            const float q1 = h2f(q1r), q2 = h2f(q2r);
            qs[tid] = rnd(rnd(q1 * c) - rnd(q2 * sn));
            qs[tid + half] = rnd(rnd(q2 * c) + rnd(q1 * sn));
            if (hasNew)
            {
                const float k1 = h2f(k1r), k2 = h2f(k2r);
                knew[tid] = f2h(rnd(k1 * c) - rnd(k2 * sn));
                knew[tid + half] = f2h(rnd(k2 * c) + rnd(k1 * sn));
            }
        }
        __syncthreads();
        TIMELINE_MARK(3);
        float score = NEG_INF;
        if (mine)
        {
            if (isNew)
            {
#pragma unroll
                for (int j = 0; j < HEAD_DIM / 8; j++) kr[j] = ((const uint4*)knew)[j];
            }
            float a = 0.f;
#pragma unroll
            for (int j = 0; j < HEAD_DIM / 8; j++) a += dot8(kr[j], qs + j * 8);
            score = a * scale;
        }
        const float m = block_max(score, red);
        const float e = mine ? expf(score - m) : 0.f;
        p[tid] = e;
        const float l = block_sum(e, red);    // its barriers also publish p
        TIMELINE_MARK(4);
#if TIMELINE
        keys = n;
#endif
        if (hasNew)
            for (int k = tid; k < HEAD_DIM; k += blockDim.x) vs[pos - start][k] = vnew[k];
        cp_async_wait_all();
        __syncthreads();
        float o = 0.f;
        if (tid < HEAD_DIM)
#pragma unroll 8
            for (int j = 0; j < n; j++) o += p[j] * h2f(vs[j][tid]);
        TIMELINE_MARK(5);
        att_store_split(clustered, splitO, splitML, partO + pi * HEAD_DIM, partML + 2 * pi, o, m, l);
        if (hasNew && h % group == 0 && tid < HEAD_DIM)
        {
            const u64 cb = ((u64)kvh * maxPos + pos) * HEAD_DIM;
            kc[cb + tid] = knew[tid];
            vc[cb + tid] = vnew[tid];
        }
#endif
    }
    else
    {
#if ATT_RELEASE_AT_Q
        pdl_launch_dependents();
#endif
#if ATT_EARLY_LOADS
        TIMELINE_MARK(1);
        pdl_wait();
#endif
        TIMELINE_MARK(2);
        TIMELINE_MARK(3);
        TIMELINE_MARK(4);
        TIMELINE_MARK(5);
        if (pfBytes) prefetch_share(pf, pfBytes, pfWho, pfWorkers);
        // No keys: the combine skips a split whose max is -inf.
        att_store_split(clustered, splitO, splitML, partO + pi * HEAD_DIM, partML + 2 * pi, 0.f, NEG_INF, 0.f);
    }

#if ATT_PUSH
    if (clustered)
    {
        // Every split's partials are in the first block's shared memory after the barrier; the others may leave at
        // once (nothing reads their shared memory), the first combines from its own.
        cluster_sync();
        if (s == 0 && tid < HEAD_DIM)
        {
            float mt[8], lt[8], ot[8];
#pragma unroll
            for (int t = 0; t < 8; t++)
            {
                mt[t] = t < splits ? pushML[t][0] : NEG_INF;
                lt[t] = t < splits ? pushML[t][1] : 0.f;
                ot[t] = t < splits ? pushO[t][tid] : 0.f;
            }
            float mx = NEG_INF;
#pragma unroll
            for (int t = 0; t < 8; t++) mx = fmaxf(mx, mt[t]);
            float l = 0.f, o = 0.f;
#pragma unroll
            for (int t = 0; t < 8; t++)
                if (mt[t] != NEG_INF)
                {
                    const float w = expf(mt[t] - mx);
                    l += lt[t] * w;
                    o += ot[t] * w;
                }
            out[h * HEAD_DIM + tid] = f2h(o / l);
        }
        TIMELINE_MARK(6);
        TIMELINE_ATT_END;
        return;
    }
#endif
    if (clustered)
    {
        cluster_sync();    // every split's cO, cML written
        if (s == 0 && tid < HEAD_DIM)
        {
            float mx = NEG_INF;
            for (int t = 0; t < splits; t++) mx = fmaxf(mx, cluster_load(&cML[0], t));
            float l = 0.f, o = 0.f;
            for (int t = 0; t < splits; t++)
            {
                const float mt = cluster_load(&cML[0], t);
                if (mt == NEG_INF) continue;
                const float w = expf(mt - mx);
                l += cluster_load(&cML[1], t) * w;
                o += cluster_load(&cO[tid], t) * w;
            }
            out[h * HEAD_DIM + tid] = f2h(o / l);
        }
        TIMELINE_MARK(6);
        cluster_sync();    // no block leaves while the first still reads its shared memory
        TIMELINE_ATT_END;
        return;
    }

    // The last block of head h to finish combines the splits (partials read past L1).
    __threadfence();
    __syncthreads();
    if (tid == 0) isLast = atomicAdd(&counters[h], 1) == splits - 1;
    __syncthreads();
    TIMELINE_MARK(6);
    if (!isLast)
    {
        TIMELINE_ATT_END;
        return;
    }
    __threadfence();
    if (tid < HEAD_DIM)
    {
        const float* ml = partML + 2 * (u64)h * splits;
        float mx = NEG_INF;
        for (int t = 0; t < splits; t++) mx = fmaxf(mx, __ldcg(ml + 2 * t));
        float l = 0.f, o = 0.f;
        for (int t = 0; t < splits; t++)
        {
            const float mt = __ldcg(ml + 2 * t);
            if (mt == NEG_INF) continue;
            const float w = expf(mt - mx);
            l += __ldcg(ml + 2 * t + 1) * w;
            o += __ldcg(partO + ((u64)h * splits + t) * HEAD_DIM + tid) * w;
        }
        out[h * HEAD_DIM + tid] = f2h(o / l);
    }
    if (tid == 0) counters[h] = 0;
    TIMELINE_ATT_END;
}

// ---------------------------------------------------------------------------------------------
// Prefill helpers (the matrix work is cuBLAS's).

// out row r = RMSNorm(x row r) · w, Hugging Face rounding. grid rows, block 256.
extern "C" __global__ void rmsnorm_rows(const h16* __restrict__ x, const h16* __restrict__ w, float eps,
                                        h16* __restrict__ out, int d)
{
    __shared__ float red[32];
    const h16* xr = x + (u64)blockIdx.x * d;
    h16* orow = out + (u64)blockIdx.x * d;
    float ss = 0.f;
    for (int k = threadIdx.x; k < d; k += blockDim.x)
    {
        const float v = h2f(xr[k]);
        ss += v * v;
    }
    const float r = rsqrtf(block_sum(ss, red) / d + eps);
    for (int k = threadIdx.x; k < d; k += blockDim.x) orow[k] = f2h(h2f(w[k]) * rnd(h2f(xr[k]) * r));
}

// out row r = LayerNorm(x row r)·w + b, in fp32, rounded once (torch's fp16 layer_norm). grid rows, block 256.
extern "C" __global__ void layernorm_rows(const h16* __restrict__ x, const h16* __restrict__ w, const h16* __restrict__ b,
                                          float eps, h16* __restrict__ out, int d)
{
    __shared__ float red[32];
    const h16* xr = x + (u64)blockIdx.x * d;
    h16* orow = out + (u64)blockIdx.x * d;
    float s1 = 0.f;
    for (int k = threadIdx.x; k < d; k += blockDim.x) s1 += h2f(xr[k]);
    const float mean = block_sum(s1, red) / d;
    float v = 0.f;
    for (int k = threadIdx.x; k < d; k += blockDim.x)
    {
        const float c = h2f(xr[k]) - mean;
        v += c * c;
    }
    const float r = rsqrtf(block_sum(v, red) / d + eps);
    for (int k = threadIdx.x; k < d; k += blockDim.x) orow[k] = f2h((h2f(xr[k]) - mean) * r * h2f(w[k]) + h2f(b[k]));
}

// Row-wise helpers of the OPT prefill, y [rows, n]: op 0 y[r][c] = s[c] (a bias, before a GEMM
// with beta = 1); op 1 y = fp16(y + s), s [rows, n] (a residual add); op 2 y = relu(y).
extern "C" __global__ void rows_op(h16* __restrict__ y, const h16* __restrict__ s, int n, int rows, int op)
{
    const u64 total = (u64)rows * n;
    for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += (u64)gridDim.x * blockDim.x)
    {
        if (op == 0) y[i] = s[i % n];
        else if (op == 1) y[i] = f2h(h2f(y[i]) + h2f(s[i]));
        else y[i] = f2h(fmaxf(h2f(y[i]), 0.f));
    }
}

// Causal softmax of scores S [H, T, T] (fp32, unscaled) into probabilities P [H, T, T] fp16,
// zero above the diagonal. grid (T, H), block 256.
extern "C" __global__ void softmax_causal(const float* __restrict__ S, h16* __restrict__ P, int T, float scale)
{
    __shared__ float red[32];
    const int t = blockIdx.x, h = blockIdx.y;
    const float* row = S + ((u64)h * T + t) * T;
    h16* prow = P + ((u64)h * T + t) * T;
    float m = NEG_INF;
    for (int j = threadIdx.x; j <= t; j += blockDim.x) m = fmaxf(m, row[j] * scale);
    m = block_max(m, red);
    float sum = 0.f;
    for (int j = threadIdx.x; j <= t; j += blockDim.x) sum += expf(row[j] * scale - m);
    const float inv = 1.f / block_sum(sum, red);
    for (int j = threadIdx.x; j < T; j += blockDim.x) prow[j] = f2h(j <= t ? expf(row[j] * scale - m) * inv : 0.f);
}

// act [rows, F] = silu(gate) · up from gu [rows, 2F] = [g0, u0, g1, u1, ...] (the fused matrix's
// interleaved rows), rounded as torch does.
extern "C" __global__ void silu_mul_rows(const h16* __restrict__ gu, h16* __restrict__ act, int F, int rows)
{
    const u64 total = (u64)rows * F;
    for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += (u64)gridDim.x * blockDim.x)
    {
        const u64 r = i / F, c = i % F;
        const float g = h2f(gu[r * 2 * F + 2 * c]), u = h2f(gu[r * 2 * F + 2 * c + 1]);
        act[i] = f2h(rnd(g / (1.f + expf(-g))) * u);
    }
}

// ---------------------------------------------------------------------------------------------
// Greedy choice over logits [V] fp16 (the lowest index among equal maxima). Stores the token in
// tokens[state[2]] and state[1] (the next step's input), then advances the step counter and the
// position: state[2] += 1, state[0] += advance. One block of 1024 threads.
extern "C" __global__ void __launch_bounds__(1024)
argmax_step(const h16* __restrict__ logits, int V, int* state, int* tokens, int advance)
{
    __shared__ float sv[32];
    __shared__ int si[32];
    pdl_launch_dependents();
    pdl_wait();
    float best = NEG_INF;
    int bi = 0x7fffffff;
    // 8 logits per 16-byte load (indices rise within a thread, so '>' keeps the lowest), then the tail.
    const int v8 = V / 8;
    for (int i = threadIdx.x; i < v8; i += blockDim.x)
    {
        float f[8];
        unpack8(((const uint4*)logits)[i], f);
#pragma unroll
        for (int e = 0; e < 8; e++)
            if (f[e] > best) { best = f[e]; bi = 8 * i + e; }
    }
    for (int i = 8 * v8 + threadIdx.x; i < V; i += blockDim.x)
    {
        const float v = h2f(logits[i]);
        if (v > best) { best = v; bi = i; }
    }
    for (int o = 16; o > 0; o >>= 1)
    {
        const float ov = __shfl_xor_sync(0xffffffffu, best, o);
        const int oi = __shfl_xor_sync(0xffffffffu, bi, o);
        if (ov > best || (ov == best && oi < bi)) { best = ov; bi = oi; }
    }
    const int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    if (lane == 0) { sv[w] = best; si[w] = bi; }
    __syncthreads();
    if (w != 0) return;
    const int nw = blockDim.x >> 5;
    best = lane < nw ? sv[lane] : NEG_INF;
    bi = lane < nw ? si[lane] : 0x7fffffff;
    for (int o = 16; o > 0; o >>= 1)
    {
        const float ov = __shfl_xor_sync(0xffffffffu, best, o);
        const int oi = __shfl_xor_sync(0xffffffffu, bi, o);
        if (ov > best || (ov == best && oi < bi)) { best = ov; bi = oi; }
    }
    if (lane == 0)
    {
        if (bi == 0x7fffffff) bi = 0;    // all NaN: keep the step well defined
        tokens[state[2]] = bi;
        state[1] = bi;
        state[2] += 1;
        state[0] += advance;
    }
}
