"""Summarises http-hotpath.sh output: medians, spread and broker/control ratios per round."""
import re
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"round=(\d+) target=(\w+) RESULT (.*)", line)
    if m:
        fields = dict(kv.split("=") for kv in m.group(3).split())
        f = {k: int(v) for k, v in fields.items()}
        f["rps"] = f["requests"] / (f["duration_us"] / 1e6)
        rows.setdefault(int(m.group(1)), {})[m.group(2)] = f

def spread(values, fmt):
    return f"median {fmt.format(statistics.median(values))} (min {fmt.format(min(values))}, max {fmt.format(max(values))})"

print("\nsummary over %d rounds" % len(rows))
for target in ("control", "broker"):
    rs = [r[target] for r in rows.values()]
    print(f"{target:8} req/s {spread([x['rps'] for x in rs], '{:.0f}')}")
    for p in ("p50_us", "p99_us", "p999_us"):
        print(f"{target:8} {p:8} {spread([x[p] for x in rs], '{:.0f}')}")
    print(f"{target:8} errors {sum(x['socket_errors'] + x['non2xx'] for x in rs)}")
tp = [r["broker"]["rps"] / r["control"]["rps"] for r in rows.values()]
p99 = [r["broker"]["p99_us"] / r["control"]["p99_us"] for r in rows.values()]
p999 = [r["broker"]["p999_us"] / r["control"]["p999_us"] for r in rows.values()]
print(f"ratio throughput broker/control {spread(tp, '{:.3f}')}  target >= 0.9")
print(f"ratio p99        broker/control {spread(p99, '{:.3f}')}  target <= 1.2")
print(f"ratio p99.9      broker/control {spread(p999, '{:.3f}')}")
