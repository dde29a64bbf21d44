-- Deletes dead letters of one queue: each entry of @dead whose job id is in @ids (one per line), or with @all = '1'
-- every entry holding the text @q (all when ''). The jobs' statuses stay failed until retention prunes them. Returns
-- how many entries went.
local wanted = {}
for id in string.gmatch(@ids, '[^\n]+') do wanted[id] = true end
local deleted = 0
for _, entry in ipairs(redis.call('LRANGE', @dead, 0, -1)) do
  local ok, dead = pcall(cjson.decode, entry)
  local id = ok and type(dead) == 'table' and type(dead.id) == 'string' and dead.id or nil
  if (id and wanted[id]) or (@all == '1' and (@q == '' or string.find(entry, @q, 1, true))) then
    deleted = deleted + redis.call('LREM', @dead, 1, entry)
  end
end
return deleted
