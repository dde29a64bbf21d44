-- Counts the attempt, issues a new fencing token, keeps the job JSON in its hash (for search and detail after it
-- leaves the lists), marks the job processing. Returns {attempts, token}.
local attempts = redis.call('HINCRBY', @job, 'attempts', 1)
local token = redis.call('HINCRBY', @job, 'token', 1)
redis.call('HSET', @job, 'worker', @worker, 'started_at', @now, 'job', @raw)
redis.call('PERSIST', @job)
redis.call('HSET', @status, @id, 'processing')
return {attempts, token}
