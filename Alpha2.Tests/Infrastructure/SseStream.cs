using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Alpha2.Tests.Infrastructure;

/// <summary>What a browser's EventSource does with <c>GET /api/ops/events</c>: reads the stream event by event, keeping the text it read.</summary>
public sealed class SseStream : IAsyncDisposable
{
    public const string OpsEvents = "/api/ops/events";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly StreamReader _reader;
    private readonly StringBuilder _text = new();

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        Response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response { get; }

    /// <summary>Everything read so far, exactly as sent (comments included).</summary>
    public string Text => _text.ToString();

    /// <summary>Opens the stream; its headers have arrived (so the API has registered the client) when this returns.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, long? lastEventId = null, string path = OpsEvents)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    /// <summary>The next event (comments skipped); fails the test when none comes within the timeout.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        string? type = null;
        string? id = null;
        var data = new StringBuilder();
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(deadline.Token);
                if (line is null)
                {
                    Assert.Fail($"The event stream ended; it sent:\n{Text}");
                    return null!;
                }

                _text.Append(line).Append('\n');
                if (line.Length == 0)
                {
                    if (type is not null || data.Length > 0)
                    {
                        return new SseEvent(type ?? "message", id is null ? null : long.Parse(id, CultureInfo.InvariantCulture), data.ToString());
                    }

                    continue;
                }

                if (line.StartsWith(':'))
                {
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
                switch (field)
                {
                    case "event":
                        type = value;
                        break;
                    case "id":
                        id = value;
                        break;
                    case "data":
                        data.Append(data.Length > 0 ? "\n" : "").Append(value);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"No event within {(timeout ?? DefaultTimeout).TotalSeconds} s; the stream sent:\n{Text}");
            return null!;
        }
    }

    /// <summary>Reads events until one matches, and returns it.</summary>
    public async Task<SseEvent> NextAsync(Func<SseEvent, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var next = await NextAsync(TimeSpan.FromTicks(Math.Max(0, (deadline - DateTime.UtcNow).Ticks)));
            if (match(next))
            {
                return next;
            }
        }
    }

    /// <summary>The next <c>job</c> event (other events skipped).</summary>
    public Task<SseEvent> NextJobAsync(TimeSpan? timeout = null) => NextAsync(e => e.Type == "job", timeout);

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        Response.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One server-sent event: its name, its id when it has one, its data.</summary>
public sealed record SseEvent(string Type, long? Id, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>The <c>id</c> in the data of a <c>job</c> event: the job's.</summary>
    public string? JobId => Type == "job" ? Json.GetProperty("id").GetString() : null;
}
