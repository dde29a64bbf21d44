using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha2.Solana;

namespace Alpha2.Tests.Solana;

/// <summary>
/// Create detection run on real mainnet transactions. Solana/Transactions/README.md says where each capture comes
/// from (chainstacklabs/pump-fun-bot's learning examples) and how the <c>json</c> encodings were derived.
/// </summary>
public sealed class PumpFunCreatesTests
{
    // The values come from the capture's source (decoded_create_tx_from_getTransaction.json in the same repository),
    // not from our decoder. The CreateEvent log in the transaction decodes to the same name, uri, mint, curve and user.
    private const string Signature = "52ar89rghM8EwKZkxFnBMC4LaMReqtVdpxqXxGWBCMYV1DnYdLrdsqJo8Hbn9KjVpckAokqGNHzTSVfK5xuLepdC";
    private const string Mint = "ER2N5eaDoC68kNhj7LyaScimzq7deaqxiw88rewvxaKp";
    private const string User = "Fswrw3tgQL597kCexxLEhft6a7Su4CDoqwRMqqj4BEp5";
    private const string BondingCurve = "FFzxakVNzpirwMFtLyD22UZ6UM3KLF2EAGC2RxNPaYoH";
    private const string Uri = "https://cf-ipfs.com/ipfs/QmcDiP9wAZ8QeijrNrtwLeMGk46vKAAe8yvfWtumBZbURq";

    // An August 2024 create: its data ends after the uri (no creator argument), and its CreateEvent has no creator
    // field either. So the creator is the signer, which is what the decoder falls back to.
    private const string Creator = User;

    // The dev's buy in the same transaction: 37,951,768,488,745 raw units at 6 decimals.
    private const decimal DevTokens = 37_951_768.488745m;
    private const long BlockTime = 1_724_128_600;
    private const long Slot = 284_682_639;

    [Test]
    public void CapturedCreate_InJsonParsedEncoding_DecodesNameMintCreatorAndDevBuy() =>
        AssertIsTheCapturedCreate(PumpFunCreates.Find(Result("pumpfun-create-jsonParsed.json")));

    [Test]
    public void CapturedCreate_InJsonEncoding_DecodesNameMintCreatorAndDevBuy() =>
        AssertIsTheCapturedCreate(PumpFunCreates.Find(Result("pumpfun-create-json.json")));

    [Test]
    public void CapturedCreate_InBothEncodings_DecodesToTheSameCreate()
    {
        var parsed = PumpFunCreates.Find(Result("pumpfun-create-jsonParsed.json"));
        var raw = PumpFunCreates.Find(Result("pumpfun-create-json.json"));

        Assert.That(raw, Is.EqualTo(parsed));
        Assert.That(raw, Has.Count.EqualTo(1));
    }

    [Test]
    public void CapturedBuyAndSell_InJsonParsedEncoding_YieldsNoCreate() =>
        // Two top-level pump.fun instructions (buy, then sell) and pump.fun's self-CPI event logs: none is a create.
        Assert.That(PumpFunCreates.Find(Result("pumpfun-buy-sell-jsonParsed.json")), Is.Empty);

    [Test]
    public void CapturedBotBuy_InJsonEncoding_YieldsNoCreate() =>
        // pump.fun is reached only through a bot's program, as inner instructions resolved by index: buy and event.
        Assert.That(PumpFunCreates.Find(Transaction("pumpfun-bot-buy-json.json")), Is.Empty);

    [TestCase("pumpfun-create-jsonParsed.json")]
    [TestCase("pumpfun-create-json.json")]
    public void CapturedCreate_WhenTheTransactionFailed_YieldsNoCreate(string file)
    {
        var failed = JsonNode.Parse(Result(file).GetRawText())!;
        // The error a failed dev buy (instruction 5) reports: pump.fun's slippage error.
        failed["meta"]!["err"] = JsonNode.Parse("""{"InstructionError":[5,{"Custom":6002}]}""");
        failed["meta"]!["status"] = JsonNode.Parse("""{"Err":{"InstructionError":[5,{"Custom":6002}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(PumpFunCreates.Find(Result(file)), Has.Count.EqualTo(1), "the unmodified capture is a create");
            Assert.That(PumpFunCreates.Find(JsonSerializer.SerializeToElement(failed)), Is.Empty);
        });
    }

    [Test]
    public void CapturedTransactions_InOneBatch_YieldOnlyTheCreate()
    {
        // Webhooks deliver arrays, and one delivery can mix shapes and transactions.
        var batch = JsonSerializer.SerializeToElement(new[]
        {
            Result("pumpfun-buy-sell-jsonParsed.json"),
            Result("pumpfun-create-json.json"),
            Transaction("pumpfun-bot-buy-json.json"),
        });

        AssertIsTheCapturedCreate(PumpFunCreates.Find(batch));
    }

    private static void AssertIsTheCapturedCreate(IReadOnlyList<PumpFunCreate> creates)
    {
        Assert.That(creates, Has.Count.EqualTo(1));
        var create = creates[0];
        Assert.Multiple(() =>
        {
            Assert.That(create.Signature, Is.EqualTo(Signature));
            Assert.That(create.Mint, Is.EqualTo(Mint));
            Assert.That(create.Name, Is.EqualTo("excited"));
            Assert.That(create.Symbol, Is.EqualTo("excited"));
            Assert.That(create.Uri, Is.EqualTo(Uri));
            Assert.That(create.Creator, Is.EqualTo(Creator));
            Assert.That(create.User, Is.EqualTo(User));
            Assert.That(create.BondingCurve, Is.EqualTo(BondingCurve));
            Assert.That(create.DevTokens, Is.EqualTo(DevTokens));
            Assert.That(create.BlockTime, Is.EqualTo(BlockTime));
            Assert.That(create.Slot, Is.EqualTo(Slot));
        });
    }

    /// <summary>The <c>result</c> of a captured <c>getTransaction</c> response.</summary>
    private static JsonElement Result(string file) => Transaction(file).GetProperty("result");

    private static JsonElement Transaction(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Solana", "Transactions", file)));
        return document.RootElement.Clone();
    }
}
