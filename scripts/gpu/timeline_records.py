"""Where a GEMV's tail comes from, read off the decode timeline's records (VHKSIM_OPT_TIMELINE_RECORDS, CSV or .csv.gz).

For each GEMV part of a layer (means over the layers), from the warps' marks t0..t7 (t1: wait returned, t5: first
batch summed, t6: main loop done, t7: end):
  - how far the warps' ends trail the median end (p90 and last);
  - the spread of the warps' ends within a block, whose warps start together with the same number of units;
  - the spread of the loop times within a block (standard deviation about the block's mean), and each warp slot's mean
    deviation: equal slots mean the spread is random, not a matter of which warp of the block it is;
  - how often the SM most often among the latest tenth of SMs was there: by chance about a tenth of the layers;
  - how far the last warp of SMs holding one block of the part, and of SMs holding two, trails the median end.
    python3 timeline_records.py RECORDS.csv[.gz]
Standard library only, so that it runs on any machine the records are copied to.
"""
import collections
import csv
import gzip
import statistics
import sys

GEMV_PARTS = ["qkv", "o", "gate-up", "down"]


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        return list(csv.DictReader(f))


def launches(rows):
    by_launch = collections.defaultdict(list)
    for r in rows:
        by_launch[int(r["launch"])].append(r)
    return by_launch


def part_stats(warps):
    """One launch's figures (µs), see the module's notes."""
    ends = sorted(int(w["t7"]) for w in warps)
    median = ends[len(ends) // 2]
    blocks = collections.defaultdict(list)
    sm_blocks = collections.defaultdict(set)
    sm_end = collections.defaultdict(int)
    for w in warps:
        blocks[int(w["block"])].append(w)
        sm_blocks[int(w["sm"])].add(int(w["block"]))
        sm_end[int(w["sm"])] = max(sm_end[int(w["sm"])], int(w["t7"]))
    within_end = [max(int(w["t7"]) for w in ws) - min(int(w["t7"]) for w in ws) for ws in blocks.values()]
    slot_dev = collections.defaultdict(list)
    loop_dev = []
    for ws in blocks.values():
        loops = [int(w["t6"]) - int(w["t1"]) for w in ws]
        mean = statistics.fmean(loops)
        for w, t in zip(ws, loops):
            slot_dev[int(w["warp"])].append(t - mean)
            loop_dev.append(t - mean)
    by_count = collections.defaultdict(list)
    for sm, bs in sm_blocks.items():
        by_count[len(bs)].append(sm_end[sm] - median)
    latest = sorted(sm_end, key=sm_end.get)[-max(1, len(sm_end) // 10):]
    return {
        "warps": len(warps),
        "blocks": len(blocks),
        "p90": (ends[int(0.9 * (len(ends) - 1))] - median) / 1000,
        "last": (ends[-1] - median) / 1000,
        "within_end": statistics.median(within_end) / 1000,
        "loop_sd": statistics.pstdev(loop_dev) / 1000,
        "slot_dev": {k: statistics.fmean(v) / 1000 for k, v in slot_dev.items()},
        "by_count": {k: (len(v), statistics.fmean(v) / 1000) for k, v in by_count.items()},
        "latest": latest,
    }


def main(path):
    by_launch = launches(read(path))
    parts = collections.defaultdict(list)
    for launch in sorted(by_launch):
        warps = by_launch[launch]
        if warps[0]["part"] in GEMV_PARTS:
            parts[warps[0]["part"]].append(part_stats(warps))
    print(f"{path}: means over the layers, µs")
    for part in GEMV_PARTS:
        runs = parts.get(part)
        if not runs:
            continue
        mean = lambda key: statistics.fmean(r[key] for r in runs)
        slots = sorted({k for r in runs for k in r["slot_dev"]})
        slot_means = [statistics.fmean(r["slot_dev"][k] for r in runs if k in r["slot_dev"]) for k in slots]
        late = collections.Counter(sm for r in runs for sm in r["latest"])
        sm, times = late.most_common(1)[0]
        counts = sorted({k for r in runs for k in r["by_count"]})
        per_count = "; ".join(
            f"{k} block{'s' if k > 1 else ''}: {statistics.fmean(r['by_count'][k][0] for r in runs if k in r['by_count']):.0f} SMs, "
            f"last warp {statistics.fmean(r['by_count'][k][1] for r in runs if k in r['by_count']):+.2f}"
            for k in counts)
        print(f"{part} x{len(runs)}: {mean('warps'):.0f} warps in {mean('blocks'):.0f} blocks; ends after the median: "
              f"p90 {mean('p90'):.2f}, last {mean('last'):.2f}; within a block: ends spread {mean('within_end'):.2f}, "
              f"loop time sd {mean('loop_sd'):.2f}, warp slots' mean deviation {min(slot_means):+.2f}..{max(slot_means):+.2f}; "
              f"latest-tenth SM most often: SM {sm} in {times} of {len(runs)}; SMs holding {per_count}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 timeline_records.py RECORDS.csv[.gz]")
    main(sys.argv[1])
