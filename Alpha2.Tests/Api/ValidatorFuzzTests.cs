using Alpha2.Api.AiInfer;
using Alpha2.Api.CexRadar;
using Alpha2.Api.Whales;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.CexRadar;
using Alpha2.Contracts.Whales;
using Microsoft.Extensions.Options;

namespace Alpha2.Tests.Api;

/// <summary>Random requests through each validator: it never throws, and it accepts exactly what its rule says.</summary>
public sealed class ValidatorFuzzTests
{
    private const int Iterations = 5_000;
    private static readonly string[] Pieces = ["", " ", "$", "OPTIMUS", "gemini", "groq", "gemini-2.5-flash", "llama-3.1-8b-instant", "\u0000", "😀", "é", "-", "_", ".", "'", "<", "9RjwNo6hBPkxayWHCqQD1VjaH8igSizEseNZNbddpump"];

    private readonly Random _random = new(20261125);

    private string? RandomText(int maxPieces)
    {
        if (_random.Next(8) == 0)
        {
            return null;
        }

        var count = _random.Next(maxPieces + 1);
        return string.Concat(Enumerable.Range(0, count).Select(_ => _random.Next(4) == 0 ? new string((char)_random.Next(0, 0xD7FF), _random.Next(1, 80)) : Pieces[_random.Next(Pieces.Length)]));
    }

    [Test]
    public void AiInferValidator_AcceptsExactlyKnownProviderModelPairs_WithAPromptAndTokensInRange()
    {
        var ai = new AiOptions { MaxPromptChars = 100, MaxTokensCap = 256 };
        var validator = new AiInferRequestValidator(Options.Create(ai));
        for (var i = 0; i < Iterations; i++)
        {
            var request = new AiInferRequest(
                _random.Next(3) == 0 ? AiProviders.All[_random.Next(2)] : RandomText(2),
                _random.Next(2) == 0 ? ai.Models.Keys.ElementAt(_random.Next(ai.Models.Count)) : RandomText(2),
                RandomText(4),
                _random.Next(3) == 0 ? null : _random.Next(-10, 300));

            var expected = request.Provider is { } provider && AiProviders.All.Contains(provider)
                           && request.Model is { } model && ai.Models.TryGetValue(model, out var known) && known.Provider == provider
                           && !string.IsNullOrWhiteSpace(request.Prompt) && request.Prompt.Length <= ai.MaxPromptChars
                           && request.MaxTokens is null or >= 1 and <= 256;

            Assert.That(validator.Validate(request).IsValid, Is.EqualTo(expected), request.ToString());
        }
    }

    [Test]
    public void CexSearchValidator_NeverThrows_AndAcceptsOnlyShortTickersAndNames()
    {
        var validator = new CexRadarSearchRequestValidator();
        for (var i = 0; i < Iterations; i++)
        {
            var query = RandomText(3);
            var result = validator.Validate(new CexRadarSearchRequest(query));

            if (result.IsValid)
            {
                Assert.That(query, Is.Not.Null.And.Length.InRange(1, CexRadarSearchRequestValidator.MaxQueryLength));
                Assert.That(CexQuery.Normalize(query!), Is.Not.Empty);
                Assert.That(query!.All(c => char.IsLetter(c) || char.IsNumber(c) || c is ' ' or '$' or '.' or '_' or '-'), Is.True, query);
            }
        }
    }

    [Test]
    public void WhaleScanValidator_NeverThrows_AndAcceptsOnlyBase58Mints()
    {
        var validator = new WhaleScanRequestValidator();
        for (var i = 0; i < Iterations; i++)
        {
            var mints = _random.Next(5) == 0 ? null : Enumerable.Range(0, _random.Next(4)).Select(_ => RandomText(2) ?? "").ToArray();
            var result = validator.Validate(new WhaleScanRequest(mints));

            var expected = mints is null || mints.All(m => m.Length is >= 32 and <= 44 && m.All(c => "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".Contains(c)));
            Assert.That(result.IsValid, Is.EqualTo(expected), string.Join(",", mints ?? []));
        }
    }
}
