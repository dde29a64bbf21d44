-- Moves retries whose backoff is over back onto the queue. Returns how many moved.
local due = redis.call('ZRANGEBYSCORE', @delayed, '-inf', @now, 'LIMIT', 0, 500)
for _, raw in ipairs(due) do
  redis.call('ZREM', @delayed, raw)
  redis.call('LPUSH', @jobs, raw)
end
return #due
