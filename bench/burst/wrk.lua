-- wrk script for the burst scenarios. Env: SCENARIO (booking | slots), PLAN (a plan file of Seed.java),
-- THREADS (wrk's -t). Each thread takes every THREADS-th line of the plan, so no two requests share a
-- line; each request comes from an address of its own (X-Forwarded-For, trusted from loopback), as a
-- campaign's clients do. done() prints one line "RESULT {json}" with latencies (µs) and statuses.
local scenario = os.getenv("SCENARIO")
local plan = os.getenv("PLAN")
local nthreads = tonumber(os.getenv("THREADS"))
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  local n = 0
  for line in io.lines(plan) do
    if n % nthreads == tid then lines[#lines + 1] = line end
    n = n + 1
  end
  next_line = 0
  wrapped = 0
  statuses = {}
end

local function address(k)
  return string.format("10.%d.%d.%d", tid * 16 + math.floor(k / 65536) % 16, math.floor(k / 256) % 256, k % 256)
end

function request()
  if lines == nil or #lines == 0 then return wrk.format("GET", "/actuator/health") end -- wrk's own check, before init
  next_line = next_line + 1
  if next_line > #lines then next_line = 1; wrapped = wrapped + 1 end
  local line = lines[next_line]
  local headers = { ["X-Forwarded-For"] = address(next_line) }
  if scenario == "booking" then
    local token, start = line:match("(%S+) (%S+)")
    headers["Content-Type"] = "application/json"
    local body = string.format('{"start":"%s","customer":{"name":"Client %d-%d","email":"c%d-%d@example.com"}}',
      start, tid, next_line, tid, next_line)
    return wrk.format("POST", "/v1/public/links/" .. token .. "/bookings", headers, body)
  else
    local token, from, to = line:match("(%S+) (%S+) (%S+)")
    return wrk.format("GET", "/v1/public/links/" .. token .. "/slots?from=" .. from .. "&to=" .. to, headers)
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  local wraps = 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do counts[status] = (counts[status] or 0) + n end
    wraps = wraps + t:get("wrapped")
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"durationSeconds":%.3f,"throughput":%.1f,' ..
    '"latencyMs":{"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f,"mean":%.2f},' ..
    '"statuses":{%s},"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"planWrapped":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    latency.mean / 1000, table.concat(parts, ","), e.connect, e.read, e.write, e.timeout, wraps))
end
