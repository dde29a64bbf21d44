using System.Text.RegularExpressions;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// Gemini generateContent and Groq chat completions, answering with usage (docs/providers.md §4, §5). Gemini 2.5 Pro
/// answers as it does for a free-tier key: 429 with a limit of 0, so the sandbox shows a quota stopping one model
/// (docs/providers.md §5.2).
/// </summary>
internal static class Llms
{
    private const string FreeTierLeavesOut = "gemini-2.5-pro";

    public static void Register(WireMockServer server, Answers answers)
    {
        server.Given(Request.Create().WithPath($"/gemini/v1beta/models/{FreeTierLeavesOut}:generateContent").UsingPost())
            .RespondWith(answers.Json($$$"""
                {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: {{{FreeTierLeavesOut}}}\nPlease retry in 20.04466179s.","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[
                              {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"{{{FreeTierLeavesOut}}}"},"quotaValue":"0"}]},
                            {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
                            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}}
                """, status: 429));
        server.Given(Request.Create().WithPath(new RegexMatcher($"^/gemini/v1beta/models/(?!{Regex.Escape(FreeTierLeavesOut)}:)[^/:]+:generateContent$")).UsingPost())
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
