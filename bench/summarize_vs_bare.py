"""Summarises http-vs-bare.sh output per mode: medians and per-round broker/bare ratios."""
import re
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"mode=(\w+) round=(\d+) target=(\w+) load=([\d.]+)(?: foreign=(\d+))? RESULT (.*)", line)
    if m:
        f = {k: int(v) for k, v in (kv.split("=") for kv in m.group(6).split())}
        f["rps"] = f["requests"] / (f["duration_us"] / 1e6)
        f["load"] = float(m.group(4))
        f["foreign"] = int(m.group(5) or 0)
        rows.setdefault(m.group(1), {}).setdefault(int(m.group(2)), {})[m.group(3)] = f

for mode, rounds in rows.items():
    rounds = {n: r for n, r in rounds.items() if "broker" in r and "bare" in r}
    print(f"\nmode={mode}: {len(rounds)} rounds")
    print("round  load(b/a)  foreign(b/a)  broker req/s  bare req/s  ratio  broker p50/p99/p99.9 us  bare p50/p99/p99.9 us  p99 ratio")
    tp, p99 = [], []
    for n, r in sorted(rounds.items()):
        b, a = r["broker"], r["bare"]
        tp.append(b["rps"] / a["rps"])
        p99.append(b["p99_us"] / a["p99_us"])
        print(f"{n:5}  {b['load']:.2f}/{a['load']:.2f}  {b['foreign']}/{a['foreign']}  {b['rps']:12.0f}  {a['rps']:10.0f}  {tp[-1]:.3f}"
              f"  {b['p50_us']}/{b['p99_us']}/{b['p999_us']}  {a['p50_us']}/{a['p99_us']}/{a['p999_us']}  {p99[-1]:.2f}")
    errors = sum(x["socket_errors"] + x["non2xx"] for r in rounds.values() for x in r.values())
    print(f"mode={mode} throughput ratio median {statistics.median(tp):.3f} best {max(tp):.3f} (min {min(tp):.3f})"
          f"  target >= 0.9")
    print(f"mode={mode} p99 ratio        median {statistics.median(p99):.2f} best {min(p99):.2f} (max {max(p99):.2f})"
          f"  target <= 1.5")
    print(f"mode={mode} broker req/s median {statistics.median(r['broker']['rps'] for r in rounds.values()):.0f}"
          f", bare req/s median {statistics.median(r['bare']['rps'] for r in rounds.values()):.0f}, errors {errors}")
