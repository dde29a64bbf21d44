using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alpha2.Tests.Infrastructure;

/// <summary>Gemini and Groq as WireMock answers, in the shapes of docs/providers.md §4 and §5.</summary>
public static class AiFakes
{
    public const string GeminiKey = "test-gemini-key-SENTINEL";
    public const string GroqKey = "test-groq-key-SENTINEL";

    public static string GeminiPath(string model) => $"/v1beta/models/{model}:generateContent";

    public const string GroqPath = "/v1/chat/completions";

    public static string GeminiAnswer(string text, int prompt = 34, int candidates = 418, int? thoughts = null, string finishReason = "STOP") => $$"""
        {"candidates":[{"content":{"parts":[{"text":"{{text}}"}],"role":"model"},"finishReason":"{{finishReason}}","index":0}],
         "usageMetadata":{"promptTokenCount":{{prompt}},"candidatesTokenCount":{{candidates}},{{(thoughts is { } t ? $"\"thoughtsTokenCount\":{t}," : "")}}"totalTokenCount":{{prompt + candidates + (thoughts ?? 0)}},
                          "promptTokensDetails":[{"modality":"TEXT","tokenCount":{{prompt}}}]},
         "modelVersion":"gemini-2.5-flash","responseId":"3w4Vad6yF-y1vdIP_q_zgAw"}
        """;

    public const string GeminiMaxTokensWithoutContent = """
        {"candidates":[{"finishReason":"MAX_TOKENS","index":0}],
         "usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"modelVersion":"gemini-2.5-flash"}
        """;

    public const string GeminiQuotaExhausted = """
        {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED",
         "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1s"}]}}
        """;

    /// <summary>A per-day quota used up: <c>QuotaFailure</c> names it; the <c>RetryInfo</c> delay is the next minute's, not the day's.</summary>
    public static string GeminiDailyQuota(string model, int limit) => $$$"""
        {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: {{{limit}}}, model: {{{model}}}\nPlease retry in 20.04466179s.","status":"RESOURCE_EXHAUSTED",
         "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"{{{model}}}"},"quotaValue":"{{{limit}}}"}]},
                    {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
                    {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}}
        """;

    /// <summary>A model the free tier does not include: every quota of it is 0.</summary>
    public static string GeminiFreeTierLimitZero(string model) => $$$"""
        {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: {{{model}}}\nPlease retry in 20.04466179s.","status":"RESOURCE_EXHAUSTED",
         "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[
                      {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"{{{model}}}"},"quotaValue":"0"},
                      {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"{{{model}}}"},"quotaValue":"0"}]},
                    {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}}
        """;

    public const string GeminiPermissionDenied = """
        {"error":{"code":403,"message":"Method doesn't allow unregistered callers.","status":"PERMISSION_DENIED"}}
        """;

    public const string GeminiBlockedPrompt = """
        {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},
         "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}
        """;

    public const string GeminiInvalidArgument = """
        {"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified","status":"INVALID_ARGUMENT"}}
        """;

    public const string GeminiOverloaded = """
        {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}
        """;

    public const string GeminiInternal = """
        {"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}
        """;

    public const string GroqInvalidKey = """
        {"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}
        """;

    public const string GroqRateLimited = """
        {"error":{"message":"Rate limit reached for model `llama-3.3-70b-versatile` on tokens per minute (TPM): Limit 12000, Used 11972, Requested 4351. Please try again in 1s.","type":"tokens","code":"rate_limit_exceeded"}}
        """;

    public static string GroqDailyTokens(string model) => $$$"""
        {"error":{"message":"Rate limit reached for model `{{{model}}}` in organization `org_01kjh7p9n8f1qs6nz2bz77vy6b` service tier `on_demand` on tokens per day (TPD): Limit 100000, Used 97050, Requested 3619. Please try again in 9m38.016s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing","type":"tokens","code":"rate_limit_exceeded"}}
        """;

    public static string GroqAnswer(string text, int prompt = 24, int completion = 377, string finishReason = "stop") => $$"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1730000000,"model":"llama-3.3-70b-versatile",
         "choices":[{"index":0,"message":{"role":"assistant","content":"{{text}}"},"logprobs":null,"finish_reason":"{{finishReason}}"}],
         "usage":{"queue_time":0.012,"prompt_tokens":{{prompt}},"prompt_time":0.009,"completion_tokens":{{completion}},"completion_time":0.774,"total_tokens":{{prompt + completion}},"total_time":0.783},
         "system_fingerprint":"fp_1","x_groq":{"id":"req_01"} }
        """;

    public static void AnswerGemini(this WireMockServer server, string model, string body, int status = 200, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        server.Given(Request.Create().WithPath(GeminiPath(model)).UsingPost()).RespondWith(response);
    }

    public static void AnswerGroq(this WireMockServer server, string body, int status = 200) =>
        server.Given(Request.Create().WithPath(GroqPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
}
