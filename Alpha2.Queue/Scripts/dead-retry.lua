-- Retries dead letters of one queue: each entry of @dead whose job id is in @ids (one per line), or with @all = '1'
-- every entry holding the text @q (all when ''), goes back to @jobs with its attempts reset and status queued, and
-- leaves the dead list, in this one script. An id retried twice is queued once. Entries without a job id (unreadable
-- JSON) are never retried. The dead list is trimmed to a fixed length, so one call's work is bounded. Returns how
-- many were queued.
local wanted = {}
for id in string.gmatch(@ids, '[^\n]+') do wanted[id] = true end
local queued = {}
local retried = 0
for _, entry in ipairs(redis.call('LRANGE', @dead, 0, -1)) do
  local ok, dead = pcall(cjson.decode, entry)
  if ok and type(dead) == 'table' and type(dead.id) == 'string' and type(dead.job) == 'string' then
    local id = dead.id
    if wanted[id] or (@all == '1' and (@q == '' or string.find(entry, @q, 1, true))) then
      redis.call('LREM', @dead, 1, entry)
      if not queued[id] then
        queued[id] = true
        local job = @jobPrefix .. id
        redis.call('HSET', job, 'attempts', 0)
        redis.call('HDEL', job, 'finished_at', 'result', 'summary')
        redis.call('PERSIST', job)
        redis.call('HSET', @status, id, 'queued')
        redis.call('ZREM', @finished, id)
        redis.call('ZREM', @failed, id)
        redis.call('LPUSH', @jobs, dead.job)
        retried = retried + 1
      end
    end
  end
end
return retried
