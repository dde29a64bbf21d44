using Alpha2.Contracts.AiInfer;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Alpha2.Api.AiInfer;

internal sealed class AiInferRequestValidator : AbstractValidator<AiInferRequest>
{
    public AiInferRequestValidator(IOptions<AiOptions> options)
    {
        var ai = options.Value;
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.Provider)
            .NotEmpty()
            .Must(p => AiProviders.All.Contains(p!)).WithMessage($"provider must be one of: {string.Join(", ", AiProviders.All)}.");
        RuleFor(r => r.Model)
            .NotEmpty()
            .Must((request, model) => ai.Models.TryGetValue(model!, out var known) && known.Provider == request.Provider)
            .WithMessage(request => $"model must be one of the configured {request.Provider} models: {string.Join(", ", ModelsOf(ai, request.Provider))}.")
            .When(r => r.Provider is not null && AiProviders.All.Contains(r.Provider));
        RuleFor(r => r.Prompt)
            .NotEmpty()
            .MaximumLength(ai.MaxPromptChars);
        RuleFor(r => r.MaxTokens)
            .InclusiveBetween(1, ai.MaxTokensCap)
            .When(r => r.MaxTokens is not null);
    }

    private static IEnumerable<string> ModelsOf(AiOptions ai, string? provider) =>
        ai.Models.Where(m => m.Value.Provider == provider).Select(m => m.Key);
}
