-- Parks a claim in the delayed set until its backoff is over, keeping its error as the job's latest and as that
-- claim's (error:<token>). Returns 0 when the claim was lost.
redis.call('LREM', @processing, 1, @raw)
if redis.call('HGET', @job, 'token') ~= @token then return 0 end
redis.call('HSET', @job, 'error', @error, 'error:' .. @token, @error)
redis.call('ZADD', @delayed, @dueAt, @raw)
redis.call('HSET', @status, @id, 'queued')
return 1
