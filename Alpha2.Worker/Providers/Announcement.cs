
namespace Alpha2.Worker.Providers;

/// <summary>A new-listing announcement, whatever exchange it came from; <see cref="Text"/> holds the body when the source gives one.</summary>
internal sealed record Announcement(string Exchange, string Title, string Url, DateTimeOffset PublishedAt, string? Text = null);
