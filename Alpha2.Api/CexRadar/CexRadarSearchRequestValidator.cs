using Alpha2.Contracts.CexRadar;
using FluentValidation;

namespace Alpha2.Api.CexRadar;

internal sealed class CexRadarSearchRequestValidator : AbstractValidator<CexRadarSearchRequest>
{
    public const int MaxQueryLength = 64;

    public CexRadarSearchRequestValidator() =>
        RuleFor(r => r.Query)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(q => CexQuery.Normalize(q!).Length > 0).WithMessage("query must name a ticker or token, not only blanks or $.")
            .MaximumLength(MaxQueryLength)
            // A ticker or a token name: letters, digits, spaces and the few marks names use.
            .Matches(@"^[\p{L}\p{N} $._\-]+$").WithMessage("query may hold letters, digits, spaces and $ . _ - only.");
}
