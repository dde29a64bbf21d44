-- claim(source, max) moves up to max jobs from source into the processing list, claims each and appends
-- {raw, id, attempts, token} to the including script's `fetched`. Claims only JSON that starts with an id of this queue,
-- as the API writes it; for anything else id is "" and the caller reads the JSON itself. Claims nothing while the
-- queue is paused (@paused exists).
local paused = redis.call('EXISTS', @paused) == 1
local function claim(source, max)
  if paused then return end
  for _ = 1, max do
    local raw = redis.call('LMOVE', source, @processing, 'RIGHT', 'LEFT')
    if not raw then return end
    local id = string.match(raw, '^{"id":"([^"\\]+)"')
    local attempts, token = 0, 0
    if id and string.sub(id, 1, #@queuePrefix) == @queuePrefix and not string.find(id, ':', #@queuePrefix + 1, true) then
      local job = @jobPrefix .. id
      attempts = redis.call('HINCRBY', job, 'attempts', 1)
      token = redis.call('HINCRBY', job, 'token', 1)
      redis.call('HSET', job, 'worker', @worker, 'started_at', @now, 'job', raw)
      redis.call('PERSIST', job)
      redis.call('HSET', @status, id, 'processing')
    else
      id = ''
    end
    table.insert(fetched, raw)
    table.insert(fetched, id)
    table.insert(fetched, attempts)
    table.insert(fetched, token)
  end
end
