"""Device-to-device copy bandwidth of this GPU (the memory roofline the opt backend is held against).

Copies a 4 GiB buffer into another 20 times after 3 warm-ups, timed with CUDA events; prints the
read + write rate (2 x bytes per copy / time) as the median, fastest and slowest copy.
    python3 copy_bandwidth.py [GiB]
"""
import sys
import statistics
import torch

gib = float(sys.argv[1]) if len(sys.argv) > 1 else 4.0
n = int(gib * (1 << 30))
src = torch.empty(n, dtype=torch.uint8, device="cuda")
dst = torch.empty_like(src)
src.random_(0, 255)
times = []
for i in range(23):
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    dst.copy_(src)
    end.record()
    end.synchronize()
    if i >= 3:
        times.append(start.elapsed_time(end) / 1000.0)
rates = sorted(2 * n / t / 1e12 for t in times)
print(f"device-to-device copy of {gib:g} GiB, 20 copies: {statistics.median(rates):.3f} TB/s read+write "
      f"(median; {rates[0]:.3f}-{rates[-1]:.3f}) on {torch.cuda.get_device_name(0)}")
