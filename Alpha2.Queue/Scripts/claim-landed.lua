-- Queued behind the fetch loop's BLMOVE of @jobs into @landing: claims the job that landed (none when the BLMOVE
-- timed out), then up to @more further queued jobs for the loop's other free slots.
local fetched = {}
--#include claim-function.lua
claim(@landing, 1)
claim(@jobs, tonumber(@more))
return fetched
