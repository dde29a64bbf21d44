-- Moves an unreadable job from processing to the dead list, with the reason.
redis.call('LREM', @processing, 1, @raw)
redis.call('LPUSH', @dead, @deadEntry)
redis.call('LTRIM', @dead, 0, @deadLength - 1)
return 1
