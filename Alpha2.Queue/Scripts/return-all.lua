-- Returns every job of one of a worker's lists (processing or landing) to the front of the queue: the reaper's, for a
-- dead worker; a stopping worker's own leftovers; what a failed fetch left landed. Returns how many moved.
local moved = 0
while true do
  local raw = redis.call('LMOVE', @held, @jobs, 'RIGHT', 'RIGHT')
  if not raw then break end
  moved = moved + 1
  local ok, job = pcall(cjson.decode, raw)
  if ok and type(job) == 'table' and type(job.id) == 'string' then
    redis.call('HSET', @status, job.id, 'queued')
  end
end
return moved
