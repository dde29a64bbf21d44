-- Renews a lease its owner still holds. Returns 0 when another owner has it.
if redis.call('GET', @key) == @owner then return redis.call('PEXPIRE', @key, @ttl) end
return 0
