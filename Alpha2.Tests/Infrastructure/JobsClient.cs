using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Alpha2.Tests.Infrastructure;

/// <summary>What the UI does: post work, then long-poll the job until it finishes.</summary>
public static class JobsClient
{
    public static async Task<string> PostJobAsync(this HttpClient client, string path, object body, string? traceparent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    /// <summary>Long-polls <c>GET /api/jobs/{id}?wait=</c> until the job is done or failed.</summary>
    public static async Task<JsonElement> FinishedJobAsync(this HttpClient client, string jobId, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}?wait=5");
            var status = job.GetProperty("status").GetString();
            if (status is "done" or "failed")
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{jobId} still {status} after {timeoutSeconds} s");
            }
        }
    }
}
