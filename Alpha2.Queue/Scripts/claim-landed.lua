-- Queued behind the fetch loop's BLMOVE of @jobs into @landing: claims the job that landed (none when the BLMOVE
-- timed out), then up to @more further queued jobs for the loop's other free slots. Returns -1, and moves the landed
-- job back to the queue's oldest end, while the queue is paused.
local fetched = {}
--#include claim-function.lua
if paused then
  -- A paused queue keeps its jobs queued: the landed one goes back where BLMOVE took it from, and the reply says why.
  redis.call('LMOVE', @landing, @jobs, 'RIGHT', 'RIGHT')
  return -1
end
claim(@landing, 1)
claim(@jobs, tonumber(@more))
return fetched
