-- wrk script for the burst scenarios. Env: SCENARIO (booking | slots | webhook | mixed), PLAN (a plan
-- file of Seed.java), THREADS (wrk's -t), PLAN_OFFSET (lines of its own share each thread skips: the
-- lines earlier runs of this plan used, so no request repeats one of theirs), RATE and CONNECTIONS
-- (optional: a fixed total request rate, see delay()), API_KEY (mixed: the tenant's key). Each thread
-- takes every THREADS-th line of the plan, so no two requests share a line; each request comes from an
-- address of its own (X-Forwarded-For, trusted from loopback), as a campaign's clients do. done()
-- prints one line "RESULT {json}" with latencies (ms), statuses, the webhook answers' accepted/duplicate
-- counts and the most lines any thread used (the next run's PLAN_OFFSET grows by it).
local scenario = os.getenv("SCENARIO")
local plan = os.getenv("PLAN")
local nthreads = tonumber(os.getenv("THREADS"))
local offset = tonumber(os.getenv("PLAN_OFFSET") or "0")
local rate = tonumber(os.getenv("RATE") or "0")
local api_key = os.getenv("API_KEY")
local threads = {}

-- A fixed rate: each thread sends its share (RATE / THREADS a second) on a schedule from its first
-- request, through wrk's delay() (called before each request of a connection); a connection whose
-- request is due waits for nothing, so the rate holds while the connections suffice (the achieved
-- rate is printed). The clock is clock_gettime through LuaJIT's ffi; without it, each connection
-- waits CONNECTIONS / RATE s between requests (a lower rate: the answer's time adds to it).
local now_ms
do
  local ok, ffi = pcall(require, "ffi")
  if ok then
    pcall(ffi.cdef, "typedef struct { long tv_sec; long tv_nsec; } bench_timespec; int clock_gettime(int, bench_timespec *);")
    local ts = ffi.new("bench_timespec")
    now_ms = function() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
  end
end

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  local n = 0
  local own = 0
  for line in io.lines(plan) do
    if n % nthreads == tid then
      own = own + 1
      if own > offset then lines[#lines + 1] = line end
    end
    n = n + 1
  end
  if #lines == 0 then -- the plan is used up: start it again (counted as wrapped)
    n = 0
    for line in io.lines(plan) do
      if n % nthreads == tid then lines[#lines + 1] = line end
      n = n + 1
    end
  end
  next_line = 0
  wrapped = 0
  used = 0
  statuses = {}
  accepted = 0
  duplicate = 0
  sent = 0
  started = nil
  if rate > 0 then per_thread_ms = 1000 * nthreads / rate end
end

-- Defined only for a fixed rate: wrk puts every request of a script with delay() behind a timer.
if rate > 0 then
  function delay()
    if not now_ms then return math.floor(1000 * tonumber(os.getenv("CONNECTIONS")) / rate) end
    local t = now_ms()
    if not started then started = t end
    local due = started + sent * per_thread_ms
    sent = sent + 1
    if due <= t then return 0 end
    return math.floor(due - t)
  end
end

local function address(k)
  return string.format("10.%d.%d.%d", tid * 16 + math.floor(k / 65536) % 16, math.floor(k / 256) % 256, k % 256)
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
  return fields
end

function request()
  if lines == nil or #lines == 0 then return wrk.format("GET", "/actuator/health") end -- wrk's own check, before init
  next_line = next_line + 1
  used = used + 1
  if next_line > #lines then next_line = 1; wrapped = wrapped + 1 end
  local line = lines[next_line]
  local headers = { ["X-Forwarded-For"] = address(next_line) }
  if scenario == "booking" then
    local token, start = line:match("(%S+) (%S+)")
    headers["Content-Type"] = "application/json"
    local body = string.format('{"start":"%s","customer":{"name":"Client %d-%d","email":"c%d-%d@example.com"}}',
      start, tid, next_line, tid, next_line)
    return wrk.format("POST", "/v1/public/links/" .. token .. "/bookings", headers, body)
  elseif scenario == "slots" then
    local token, from, to = line:match("(%S+) (%S+) (%S+)")
    return wrk.format("GET", "/v1/public/links/" .. token .. "/slots?from=" .. from .. "&to=" .. to, headers)
  elseif scenario == "webhook" then
    -- kind, path, Stripe-Signature, body (signed by Seed with the tenant's secret)
    local f = split(line)
    headers["Content-Type"] = "application/json"
    headers["Stripe-Signature"] = f[3]
    return wrk.format("POST", f[2], headers, f[4])
  else
    -- mixed: kind, method, auth (key | public), path, If-Match (or -), Idempotency-Key (or -), body (or -)
    local f = split(line)
    if f[3] == "key" then headers["Authorization"] = "Bearer " .. api_key end
    if f[5] ~= "-" then headers["If-Match"] = '"' .. f[5] .. '"' end
    if f[6] ~= "-" then headers["Idempotency-Key"] = f[6] .. "-" .. wrapped end
    local body = nil
    if f[7] ~= "-" then body = f[7]; headers["Content-Type"] = "application/json" end
    return wrk.format(f[2], f[4], headers, body)
  end
end

-- Statuses by kind of request are not counted here (response() does not say which request it answers);
-- run.sh takes them from the app's own http_server_requests counters, by route.
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if scenario == "webhook" and status == 200 and body then
    if body:find('"duplicate":true', 1, true) then duplicate = duplicate + 1 else accepted = accepted + 1 end
  end
end

local function counts_json(counts)
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local counts = {}
  local wraps = 0
  local most = 0
  local acc, dup = 0, 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do counts[status] = (counts[status] or 0) + n end
    wraps = wraps + t:get("wrapped")
    most = math.max(most, t:get("used"))
    acc = acc + t:get("accepted")
    dup = dup + t:get("duplicate")
  end
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"durationSeconds":%.3f,"throughput":%.1f,' ..
    '"latencyMs":{"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f,"mean":%.2f},' ..
    '"statuses":%s,"webhookAnswers":{"accepted":%d,"duplicate":%d},' ..
    '"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"planWrapped":%d,"planLinesUsed":%d,"rate":%s}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    latency.mean / 1000, counts_json(counts), acc, dup,
    e.connect, e.read, e.write, e.timeout, wraps, most, rate > 0 and tostring(rate) or "null"))
end
