using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Alpha2.Bench;

/// <summary>
/// The LLM providers for the worker benchmark: answers every request at once with the same small answer, so the
/// worker (ours or BullMQ's) is what the run measures, not the provider. A POST to Groq's chat completions path gets
/// a Groq chat completion; anything else Gemini's generateContent body. Both say "ok" for 4 prompt tokens and 1 output
/// token. HTTP/1.1 with keep-alive over plain blocking sockets, one thread per connection: one receive and one send
/// per request, no event loop and no thread hops, which costs a fraction of what a general-purpose server does per
/// request.
/// </summary>
internal static class ProviderStub
{
    private const string GeminiBody =
        """{"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":1,"totalTokenCount":5}}""";

    // Groq's whole answer, the fields the clients skip (id, timings, x_groq) included, so both read a real-sized body
    // (docs/providers.md §5).
    private const string GroqBody =
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1764000000,"model":"llama-3.1-8b-instant","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"logprobs":null,"finish_reason":"stop"}],"usage":{"queue_time":0.012,"prompt_tokens":4,"prompt_time":0.001,"completion_tokens":1,"completion_time":0.002,"total_tokens":5,"total_time":0.003},"system_fingerprint":"fp_bench","x_groq":{"id":"req_bench"}}""";

    private static readonly byte[] GeminiAnswer = Answer(GeminiBody);

    private static readonly byte[] GroqAnswer = Answer(GroqBody);

    // GROQ_API_URL's real base ends in /openai (docs/providers.md §0), and the bench points it here the same way.
    private static ReadOnlySpan<byte> GroqRequestLine => "POST /openai/v1/chat/completions "u8;

    public static Task<int> RunAsync(Arguments args)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, args.Int("--port", 9700)));
        listener.Listen(512);
        while (true)
        {
            var connection = listener.Accept();
            connection.NoDelay = true;
            new Thread(() => Serve(connection)) { IsBackground = true }.Start();
        }
    }

    private static void Serve(Socket connection)
    {
        using var _ = connection;
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = connection.Receive(buffer.AsSpan(filled));
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var answered = 0;
                // Answer every complete request in the buffer (a client may pipeline), keep the rest for the next read.
                while (HttpRequestLength(buffer.AsSpan(answered, filled - answered)) is var length and > 0)
                {
                    var request = buffer.AsSpan(answered, length);
                    connection.Send(request.StartsWith(GroqRequestLine) ? GroqAnswer : GeminiAnswer);
                    answered += length;
                }

                buffer.AsSpan(answered, filled - answered).CopyTo(buffer);
                filled -= answered;
            }
        }
        catch (SocketException)
        {
            // The client went away.
        }
    }

    private static byte[] Answer(string body) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");

    /// <summary>
    /// The length of the first complete request (headers and Content-Length body), or 0 when more must be read. Both
    /// workers send a Content-Length; chunked bodies are not read.
    /// </summary>
    private static int HttpRequestLength(ReadOnlySpan<byte> data)
    {
        var headersEnd = data.IndexOf("\r\n\r\n"u8);
        if (headersEnd < 0)
        {
            return 0;
        }

        var headers = Encoding.ASCII.GetString(data[..headersEnd]);
        var at = headers.IndexOf("\ncontent-length:", StringComparison.OrdinalIgnoreCase);
        var body = 0;
        if (at >= 0)
        {
            var start = at + "\ncontent-length:".Length;
            var end = headers.IndexOf('\r', start);
            body = int.Parse(headers.AsSpan(start, (end < 0 ? headers.Length : end) - start).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var total = headersEnd + 4 + body;
        return data.Length >= total ? total : 0;
    }
}
