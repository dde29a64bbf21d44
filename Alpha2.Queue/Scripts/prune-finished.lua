-- Drops up to @limit statuses of jobs finished before the retention cutoff (the job hashes expire by themselves).
-- Returns how many it dropped.
local old = redis.call('ZRANGEBYSCORE', @finished, '-inf', @cutoff, 'LIMIT', 0, @limit)
if #old > 0 then
  redis.call('HDEL', @status, unpack(old))
  redis.call('ZREM', @finished, unpack(old))
  redis.call('ZREM', @failed, unpack(old))
end
return #old
