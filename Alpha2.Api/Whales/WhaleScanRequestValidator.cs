using Alpha2.Contracts.Whales;
using FluentValidation;

namespace Alpha2.Api.Whales;

internal sealed class WhaleScanRequestValidator : AbstractValidator<WhaleScanRequest>
{
    public const int MaxMints = 50;

    public WhaleScanRequestValidator()
    {
        RuleFor(r => r.Mints)
            .Must(m => m!.Count <= MaxMints).WithMessage($"mints may list at most {MaxMints} addresses.")
            .When(r => r.Mints is not null);
        RuleForEach(r => r.Mints)
            // A Solana address: 32 bytes in base58, 32 to 44 characters.
            .Matches("^[1-9A-HJ-NP-Za-km-z]{32,44}$").WithMessage("each mint must be a base58 Solana address.");
    }
}
