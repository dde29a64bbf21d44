-- Takes back enqueued jobs the API will not acknowledge (their enqueue did not reach ENQUEUE_MIN_REPLICAS replicas in
-- time), wherever they still wait in their queue: the job JSON leaves the list, its status goes, and a share that
-- points to it is dropped so the client's retry makes a new job. A job a worker already claimed is left to run.
-- Per job, 3 keys (status, jobs, share) and 3 values (id, payload as enqueued, shareSeconds: 0 when the job has no
-- share, and its share key is then a stand-in). Returns how many were withdrawn.
--#include job-json.lua
local withdrawn = 0
for i = 0, #KEYS / 3 - 1 do
  local status, jobs, share, id = KEYS[3*i+1], KEYS[3*i+2], KEYS[3*i+3], ARGV[3*i+1]
  if redis.call('HGET', status, id) == 'queued' and redis.call('LREM', jobs, 1, job_json(id, ARGV[3*i+2])) == 1 then
    redis.call('HDEL', status, id)
    if ARGV[3*i+3] ~= '0' and redis.call('GET', share) == id then redis.call('DEL', share) end
    withdrawn = withdrawn + 1
  end
end
return withdrawn
