-- Gives a job back unfinished, next in line: a claim cut off by a graceful stop (its attempt does not count), or a
-- stray nobody claimed (token "").
if redis.call('LREM', @processing, 1, @raw) == 0 then return 0 end
redis.call('RPUSH', @jobs, @raw)
if @id ~= '' and redis.call('HGET', @job, 'token') == @token then
  redis.call('HINCRBY', @job, 'attempts', -1)
  redis.call('HSET', @status, @id, 'queued')
end
return 1
