-- POST /api/cex-radar/search with a query no other request of the run uses, so every request really enqueues
-- (identical searches within CEX_RADAR_SHARE_SECONDS would share one job). wrk ... -s enqueue.lua -- RUN_ID
dofile("bench/wrk/report.lua")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  prefix = "B" .. (args[1] or "0") .. "T" .. thread_id .. "N"
  sent = 0
end

function request()
  sent = sent + 1
  return wrk.format("POST", "/api/cex-radar/search", { ["Content-Type"] = "application/json" },
    '{"query":"' .. prefix .. sent .. '"}')
end
