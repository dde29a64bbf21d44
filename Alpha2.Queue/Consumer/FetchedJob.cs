namespace Alpha2.Queue.Consumer;

/// <summary>A job moved into this worker's processing list: claimed already, unless its JSON has to be read first.</summary>
internal sealed record FetchedJob(string Raw, Claim? Claim);
