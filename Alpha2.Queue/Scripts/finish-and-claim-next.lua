-- finish.lua, then moves and claims up to @max jobs for the slot it freed (as BullMQ's moveToFinished fetches the
-- next job). Returns {finished (1, or 0 when the claim was lost), then {raw, id, attempts, token} per job fetched}.
local function finish()
--#include finish.lua
end
local fetched = {finish()}
--#include claim-function.lua
claim(@jobs, tonumber(@max))
return fetched
