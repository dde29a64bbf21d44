#!/usr/bin/env python3
"""Measures the stream's feed (bench/ws-feed.sh): every create the sandbox streamed against the rows the API serves."""
import argparse, json, math, time, urllib.request
from datetime import datetime, timezone

def get(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)

def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]

parser = argparse.ArgumentParser()
for name in ("--api", "--sandbox", "--rps"):
    parser.add_argument(name, required=True)
for name in ("--duration", "--drop-every", "--down"):
    parser.add_argument(name, type=float, required=True)
args = parser.parse_args()

first_seen = {}
def read_feed():
    now = time.time() * 1000
    for row in get(args.api + "/api/helius/mints"):
        first_seen.setdefault(row["mint"], now)

started = time.time()
while time.time() - started < args.duration:
    read_feed()
    time.sleep(0.1)

listing = get(args.sandbox + "/sandbox/pump-stream")
creates = listing["creates"]
deadline = time.time() + 120
while time.time() < deadline and any(c["mint"] not in first_seen for c in creates):
    read_feed()
    time.sleep(0.1)

rows = get(args.api + "/api/helius/mints")
mints = [r["mint"] for r in rows]
# The stream goes on while the last creates land: rows are judged against everything streamed by now.
everything = {c["mint"] for c in get(args.sandbox + "/sandbox/pump-stream")["creates"]}
metrics = get(args.api + "/api/metrics/latency-usage?lang=en")
found = [c for c in creates if c["mint"] in first_seen]
delays = [first_seen[c["mint"]] - c["slot_time_ms"] for c in found]
total_credits = metrics["helius_credits_used"]

print(f"## New-mint stream against the sandbox ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)\n")
print(f"{args.duration:.0f} s of stream, a drop every {args.drop_every:.0f} s for {args.down:.0f} s; Helius limits {args.rps} (RPC/DAS req/s); "
      f"feed read every 100 ms (delays include up to 100 ms of that).\n")
print("| measure | figure |\n| --- | ---: |")
print(f"| creates streamed (successful) | {len(creates)} |")
print(f"| of which sent while no socket was subscribed | {listing['unsent']} |")
print(f"| creates in the feed | {len(found)} |")
print(f"| rows never streamed | {sum(1 for m in set(mints) if m not in everything)} |")
print(f"| rows duplicated | {len(mints) - len(set(mints))} |")
print(f"| source named by the metrics panel | {metrics['mints_source']} |")
print(f"| discovery credits per ingested mint (stream bytes, connections, gap fill) | {metrics['mints_credits_per_mint']} |")
print(f"| Helius credits per ingested mint, all (discovery + enrichment; {len(set(mints))} rows) | {total_credits / max(1, len(set(mints))):.2f} |")
if delays:
    print(f"| slot to row, p50 | {percentile(delays, 50):.0f} ms |")
    print(f"| slot to row, p99 | {percentile(delays, 99):.0f} ms |")
    print(f"| slot to row, max | {max(delays):.0f} ms |")
