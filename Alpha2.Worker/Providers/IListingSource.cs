
namespace Alpha2.Worker.Providers;

/// <summary>One exchange's latest new-listing announcements. A failure throws a readable JobFailedException.</summary>
internal interface IListingSource
{
    string Exchange { get; }

    /// <summary>The name calls are recorded under for the metrics panel.</summary>
    string Provider { get; }

    Task<IReadOnlyList<Announcement>> LatestAsync(CancellationToken cancellationToken);
}
