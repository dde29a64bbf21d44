using System.Text.Json;
using Alpha2.Sandbox.Providers;
using Alpha2.Solana;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Tests.Solana;

/// <summary>
/// Creates read from log messages (what a logsSubscribe notification carries), on the same mainnet captures as
/// <see cref="PumpFunCreatesTests"/>: the events must tell the same create the instruction and balances tell.
/// </summary>
public sealed class PumpFunLogsTests
{
    [Test]
    public void CapturedCreate_ItsLogsAlone_DecodeToTheCreateTheTransactionDecodesTo()
    {
        var transaction = Result("pumpfun-create-json.json");
        var fromTransaction = PumpFunCreates.Find(transaction).Single();
        var logs = Logs(transaction);

        Assert.Multiple(() =>
        {
            Assert.That(PumpFunLogs.IsCreate(logs), Is.True);
            Assert.That(PumpFunLogs.FromEvents(fromTransaction.Signature, fromTransaction.Slot, logs), Is.EqualTo(fromTransaction));
        });
    }

    [Test]
    public void CapturedCreate_WithoutItsProgramDataLines_IsACreateThatNeedsTheTransaction()
    {
        // What truncated logs look like to us: the instruction log is there, the events are not.
        var logs = Logs(Result("pumpfun-create-json.json")).Where(l => !l.StartsWith("Program data:", StringComparison.Ordinal)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(PumpFunLogs.IsCreate(logs), Is.True);
            Assert.That(PumpFunLogs.FromEvents("sig", 1, logs), Is.Null);
        });
    }

    [Test]
    public void CapturedBuyAndSell_TheirLogs_AreNoCreate() =>
        Assert.That(PumpFunLogs.IsCreate(Logs(Result("pumpfun-buy-sell-jsonParsed.json"))), Is.False);

    [Test]
    public void AnotherProgramsCreateLog_IsNoCreate()
    {
        // The associated-token program logs "Create" and the token program "Instruction: ..." inside pump.fun's buys.
        string[] logs =
        [
            $"Program {SolanaWorld.PumpProgram} invoke [1]", "Program log: Instruction: Buy",
            "Program ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL invoke [2]", "Program log: Instruction: Create",
            "Program ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL success", $"Program {SolanaWorld.PumpProgram} success",
        ];

        Assert.That(PumpFunLogs.IsCreate(logs), Is.False);
    }

    [Test]
    public void MintAuthority_IsTheProgramAddressTheGapFillLists() =>
        // The account every create names and no trade does (docs/domain.md §3.2): the gap fill lists its history.
        Assert.That(ProgramAddress.Find(PumpFunCreates.ProgramId, "mint-authority"u8.ToArray()), Is.EqualTo(PumpFunCreates.MintAuthority));

    [TestCase(false)]
    [TestCase(true)]
    public void SandboxCreate_ItsLogs_DecodeToTheCreateItsTransactionDecodesTo(bool v2)
    {
        var create = new Create("sig-" + v2, SolanaWorld.AccountOf("mint-" + v2), SolanaWorld.Wallet("dev"), "LOGS", 42_000_000.5m, 1_759_751_050, V2: v2);
        var transaction = JsonSerializer.SerializeToElement(PumpFunTransactions.Raw(create));
        var logs = Logs(transaction);

        Assert.Multiple(() =>
        {
            Assert.That(PumpFunLogs.IsCreate(logs), Is.True);
            Assert.That(PumpFunLogs.FromEvents(create.Signature, transaction.GetProperty("slot").GetInt64(), logs), Is.EqualTo(PumpFunCreates.Find(transaction).Single()));
        });
    }

    private static string[] Logs(JsonElement transaction) =>
        [.. transaction.GetProperty("meta").GetProperty("logMessages").EnumerateArray().Select(l => l.GetString()!)];

    private static JsonElement Result(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Solana", "Transactions", file)));
        return document.RootElement.GetProperty("result").Clone();
    }
}
