-- Enqueues a group of jobs, each on its own (one failing does not stop the rest), as the seed's main.py does:
-- LPUSH <queue>:jobs {"id":..., payload...} and HSET <queue>:status id queued.
-- Per job, 4 keys (sequence, status, jobs, share) and 3 values (shareSeconds, baseId, payload). Returns each id, or
-- its error after a "-" as RESP writes errors (no id starts with one; a nested error reply would fail the whole call).
-- The per-millisecond counter makes ids unique across API replicas; HSETNX guards against skewed clocks. With a
-- share key, the same work asked again within its window gets the job already queued, running or done, unless it failed.
--#include job-json.lua
local function enqueue(sequence, status, jobs, share, shareSeconds, baseId, payload)
  if shareSeconds ~= '0' then
    local shared = redis.call('GET', share)
    if shared then
      local state = redis.call('HGET', status, shared)
      if state and state ~= 'failed' then return shared end
    end
  end
  local n = redis.call('INCR', sequence)
  if n == 1 then redis.call('PEXPIRE', sequence, 2000) end
  local id = baseId
  if n > 1 then id = baseId .. '-' .. (n - 1) end
  while redis.call('HSETNX', status, id, 'queued') == 0 do
    n = n + 1
    id = baseId .. '-' .. (n - 1)
  end
  redis.call('LPUSH', jobs, job_json(id, payload))
  if shareSeconds ~= '0' then redis.call('SET', share, id, 'EX', shareSeconds) end
  return id
end
local ids = {}
for i = 0, #KEYS / 4 - 1 do
  local ok, id = pcall(enqueue, KEYS[4*i+1], KEYS[4*i+2], KEYS[4*i+3], KEYS[4*i+4], ARGV[3*i+1], ARGV[3*i+2], ARGV[3*i+3])
  if ok then
    ids[i + 1] = id
  else
    ids[i + 1] = '-' .. (type(id) == 'table' and id.err or tostring(id))
  end
end
return ids
