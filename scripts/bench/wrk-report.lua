-- wrk's report as one JSON line (latencies in ms), read by scripts/bench/scale-servers.ts.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.6f,"errors":%d,"p50":%.3f,"p97_5":%.3f,"p99":%.3f}\n',
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(97.5) / 1000, latency:percentile(99) / 1000))
end
