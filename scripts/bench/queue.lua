-- wrk script of scripts/bench-queue: GETs one queue URL over and over with a staff session cookie,
-- counts the answers other than 200, and ends with one machine-readable line:
--   BENCH_RESULT requests=N duration_s=S rps=R mean_ms=.. p50_ms=.. p90_ms=.. p95_ms=.. p99_ms=..
--                max_ms=.. non200=N socket_errors=N
-- Usage: wrk -t2 -c4 -d15s -s scripts/bench/queue.lua 'http://127.0.0.1:18081/staff/queue?...' -- COOKIE
-- COOKIE is the value of the `dsr_session` cookie.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
  wrk.headers["Cookie"] = "dsr_session=" .. (args[1] or "")
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if non200 <= 3 then
      io.stderr:write(string.format("unexpected answer %d: %s\n", status, string.sub(body or "", 1, 300)))
    end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f rps=%.1f mean_ms=%.2f p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f"
      .. " p99_ms=%.2f max_ms=%.2f non200=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
