using Alpha2.Contracts.AiInfer;
using Microsoft.Extensions.Configuration;

namespace Alpha2.Tests.Configuration;

public sealed class AiPricesTests
{
    [Test]
    public void Defaults_AreTheProvidersPublishedPrices()
    {
        var models = new AiOptions().Models;

        Assert.Multiple(() =>
        {
            Assert.That(models["gemini-2.5-flash"], Is.EqualTo(new AiModel("gemini", 0.30m, 2.50m)));
            Assert.That(models["gemini-2.5-flash-lite"], Is.EqualTo(new AiModel("gemini", 0.10m, 0.40m)));
            Assert.That(models["gemini-2.5-pro"], Is.EqualTo(new AiModel("gemini", 1.25m, 10.00m)));
            Assert.That(models["llama-3.3-70b-versatile"], Is.EqualTo(new AiModel("groq", 0.59m, 0.79m)));
            Assert.That(models["llama-3.1-8b-instant"], Is.EqualTo(new AiModel("groq", 0.05m, 0.08m)));
        });
    }

    [Test]
    public void AiPrices_ReplacesTheModelListAndPrices()
    {
        var options = new AiOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AI_PRICES"] = "gemini-2.5-flash=gemini:0.15/1.25; llama-3.1-8b-instant=groq:0.05/0.08",
            ["AI_MAX_TOKENS"] = "100",
        }).Build();

        options.Bind(name => configuration[name]);

        Assert.Multiple(() =>
        {
            Assert.That(options.Models.Keys, Is.EquivalentTo(new[] { "gemini-2.5-flash", "llama-3.1-8b-instant" }));
            Assert.That(options.Models["gemini-2.5-flash"].Cost(1_000_000, 1_000_000), Is.EqualTo(1.40m));
            Assert.That(options.MaxTokensCap, Is.EqualTo(100));
            Assert.That(options.DefaultMaxTokens, Is.LessThanOrEqualTo(100));
        });
    }

    [TestCase("gemini-2.5-flash=openai:0.1/0.2")]
    [TestCase("gemini-2.5-flash=gemini:cheap/0.2")]
    [TestCase("gemini-2.5-flash")]
    public void AiPrices_Malformed_IsRefusedNamingTheEntry(string prices)
    {
        Assert.That(() => AiOptions.ParsePrices(prices).ToList(), Throws.TypeOf<FormatException>().With.Message.Contains(prices));
    }
}
