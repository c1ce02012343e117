-- wrk script of scripts/bench-intake: POSTs an inspection request to /api/v1/requests with a
-- requester email that differs on every request (bench.<tag>.<thread>.<n>@example.fi), counts the
-- answers other than 202, and ends with one machine-readable line:
--   BENCH_RESULT requests=N duration_s=S rps=R mean_ms=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..
--                non202=N socket_errors=N
-- With ADDRESSES = many, every request carries its own `X-Forwarded-For` address (198.18.0.0/15,
-- the benchmarking range), as the requests of many people reach the service through a reverse
-- proxy (the app trusts 127.0.0.1 as its proxy); with one (the default), they all come from the
-- one loopback address, so they all count against one rate-limit row.
-- Usage: wrk -t2 -c8 -d20s -s scripts/bench/intake.lua http://127.0.0.1:18080/api/v1/requests -- TAG [ADDRESSES]

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  tag = args[1] or "run"
  many = args[2] == "many"
  n = 0
  non202 = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local body = string.format(
    '{"register":"jokkerit","kind":"inspection","language":"fi",'
      .. '"requester":{"name":"Bench Person","email":"bench.%s.%d.%d@example.fi"},"scope":"orders"}',
    tag, id, n)
  if many then
    -- 198.18.0.0/15: thread in the second octet, the request number below.
    local k = n % 65536
    wrk.headers["X-Forwarded-For"] = string.format("198.%d.%d.%d", 17 + id, math.floor(k / 256), k % 256)
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 202 then
    non202 = non202 + 1
    if non202 <= 3 then
      io.stderr:write(string.format("unexpected answer %d: %s\n", status, string.sub(body or "", 1, 300)))
    end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non202") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f rps=%.1f mean_ms=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
      .. " max_ms=%.2f non202=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
