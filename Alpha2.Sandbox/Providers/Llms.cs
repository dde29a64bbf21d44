using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace Alpha2.Sandbox.Providers;

/// <summary>Gemini generateContent and Groq chat completions, answering with usage (docs/providers.md §4, §5).</summary>
internal static class Llms
{
    public static void Register(WireMockServer server, Answers answers)
    {
        server.Given(Request.Create().WithPath(new RegexMatcher("^/gemini/v1beta/models/[^/:]+:generateContent$")).UsingPost())
            .RespondWith(answers.Json("""
                {"candidates":[{"content":{"parts":[{"text":"Sandbox Gemini: OPTIMUS is listed on Binance and OKX; its liquidity sits in one pool, so size positions carefully."}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":34,"candidatesTokenCount":28,"totalTokenCount":62,"promptTokensDetails":[{"modality":"TEXT","tokenCount":34}]},
                 "modelVersion":"gemini-2.5-flash","responseId":"sandbox-1"}
                """));
        server.Given(Request.Create().WithPath("/groq/v1/chat/completions").UsingPost())
            .RespondWith(answers.Json("""
                {"id":"chatcmpl-sandbox","object":"chat.completion","created":1730000000,"model":"llama-3.3-70b-versatile",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Sandbox Groq: $DOGE99 has a copycat; trust the earliest mint."},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"queue_time":0.012,"prompt_tokens":24,"prompt_time":0.009,"completion_tokens":18,"completion_time":0.05,"total_tokens":42,"total_time":0.06},
                 "system_fingerprint":"fp_sandbox","x_groq":{"id":"req_sandbox"} }
                """));
    }
}
