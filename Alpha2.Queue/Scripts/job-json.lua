-- The job JSON as queued: {"id":"<id>", payload's fields...}. Shared by enqueue.lua and withdraw.lua, which must
-- build the very same string to find the job again.
local function job_json(id, payload)
  if payload == '{}' then return '{"id":"' .. id .. '"}' end
  return '{"id":"' .. id .. '",' .. string.sub(payload, 2)
end
