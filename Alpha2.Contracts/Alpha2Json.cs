using System.Text.Json;
using System.Text.Json.Serialization;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.CexRadar;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Contracts.Metrics;
using Alpha2.Contracts.Ops;
using Alpha2.Contracts.Whales;

namespace Alpha2.Contracts;

/// <summary>
/// The one set of JSON options for everything the UI reads and everything that rides in Redis: camelCase
/// unless a contract names a field otherwise, nulls omitted, source-generated.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(JobAccepted))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobEnvelope))]
[JsonSerializable(typeof(AiInferRequest))]
[JsonSerializable(typeof(AiInferResult))]
[JsonSerializable(typeof(CexRadarSearchRequest))]
[JsonSerializable(typeof(CexListing[]))]
[JsonSerializable(typeof(MintRow))]
[JsonSerializable(typeof(MintRow[]))]
[JsonSerializable(typeof(MintCreated))]
[JsonSerializable(typeof(MintRecheck))]
[JsonSerializable(typeof(WebhookReceipt))]
[JsonSerializable(typeof(WhaleScanRequest))]
[JsonSerializable(typeof(WhaleRow[]))]
[JsonSerializable(typeof(LatencyUsage))]
[JsonSerializable(typeof(ProviderHistory[]))]
[JsonSerializable(typeof(AiCatalog))]
[JsonSerializable(typeof(AiQuotaBlock))]
[JsonSerializable(typeof(OpsAccess))]
[JsonSerializable(typeof(QueueSnapshot[]))]
[JsonSerializable(typeof(QueueMinute[]))]
[JsonSerializable(typeof(WorkerView[]))]
[JsonSerializable(typeof(DeadLetterPage))]
[JsonSerializable(typeof(DeadLetterSelection))]
[JsonSerializable(typeof(DeadLettersRetried))]
[JsonSerializable(typeof(DeadLettersDeleted))]
[JsonSerializable(typeof(QueuePauseState))]
[JsonSerializable(typeof(JobPage))]
[JsonSerializable(typeof(JobDetail))]
[JsonSerializable(typeof(OpsJobEvent))]
[JsonSerializable(typeof(OpsMintEvent))]
public sealed partial class Alpha2Json : JsonSerializerContext;
