-- Counts the finish in its minute's stats hash (@statsPrefix .. minute, TTL @statsTtl): the outcome, and the job's
-- wait (enqueued, per its id's unix ms, to its latest claim) and run (claim to finish) in log2 bins of milliseconds:
-- bin b holds [2^b - 1, 2^(b+1) - 1) ms. Included at the end of finish.lua.
local now = tonumber(@now)
local stats = @statsPrefix .. math.floor(now / 60000)
redis.call('HINCRBY', stats, @outcome, 1)
local started = tonumber(redis.call('HGET', @job, 'started_at') or '')
if started then
  local enqueued = tonumber(string.match(@id, ':(%d+)'))
  if enqueued and started >= enqueued then
    redis.call('HINCRBY', stats, 'wait:' .. math.floor(math.log(started - enqueued + 1) / math.log(2)), 1)
  end
  if now >= started then
    redis.call('HINCRBY', stats, 'run:' .. math.floor(math.log(now - started + 1) / math.log(2)), 1)
  end
end
redis.call('EXPIRE', stats, @statsTtl)
