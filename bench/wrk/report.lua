-- Prints one JSON line after "WRK " at the end of a wrk run; the bench tool's http command reads it (WrkSummary).
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK {"rps":%.1f,"p50Ms":%.3f,"p99Ms":%.3f,"requests":%d,"seconds":%.3f,"errors":%d,"httpErrors":%d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
