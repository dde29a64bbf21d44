-- Finishes a claim as done or failed, stores its result or error, and announces it. Returns 0 when the claim was
-- lost (its fencing token changed: the job was re-claimed after this worker was presumed dead), else 1.
-- Also the first half of finish-and-claim-next.lua.
redis.call('LREM', @processing, 1, @raw)
if redis.call('HGET', @job, 'token') ~= @token then return 0 end
if @outcome == 'done' then
  if @summary ~= '' then
    redis.call('HSET', @job, 'finished_at', @now, 'result', @payload, 'summary', @summary)
  else
    redis.call('HSET', @job, 'finished_at', @now, 'result', @payload)
  end
  redis.call('HDEL', @job, 'error')
  if @isLatest == '1' then
    redis.call('SET', @latest, @payload, 'EX', @retention)
    redis.call('PUBLISH', @latestChannel, @queue)
  end
else
  redis.call('HSET', @job, 'finished_at', @now, 'error', @payload, 'error:' .. @token, @payload)
  redis.call('LPUSH', @dead, @deadEntry)
  redis.call('LTRIM', @dead, 0, @deadLength - 1)
  redis.call('ZADD', @failed, @now, @id)
end
redis.call('EXPIRE', @job, @retention)
redis.call('HSET', @status, @id, @outcome)
redis.call('ZADD', @finished, @now, @id)
redis.call('PUBLISH', @channel, @id)
--#include stats.lua
return 1
