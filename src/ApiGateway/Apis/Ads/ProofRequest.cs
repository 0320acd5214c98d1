using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.Media;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>
/// An advertiser's proof: an image uploaded with <c>POST /api/media</c> (<see cref="MediaUrl"/>, its <c>/media/</c> URL),
/// a link to the post (<see cref="Link"/>), or both, and the figures they report (<see cref="Stats"/>: views, clicks…).
/// </summary>
public sealed record ProofRequest(string? MediaUrl = null, string? Link = null, Dictionary<string, long>? Stats = null)
{
    /// <summary>How many figures a proof reports at most.</summary>
    public const int MaxStats = 20;

    public DomainError? Check() =>
        Validation.First(
            MediaUrl is null && Link is null ? DomainError.Invalid("mediaUrl", "or link is required: the proof needs an image or a link") : null,
            MediaUrl is null || MediaKeys.FormatOf(MediaUrl.StartsWith(MediaSettings.PathPrefix, StringComparison.Ordinal) ? MediaUrl[MediaSettings.PathPrefix.Length..] : null) is not null
                ? null
                : DomainError.Invalid("mediaUrl", "must be a /media/ URL from POST /api/media"),
            Validation.Url(Link, "link"),
            Stats is null ? DomainError.Invalid("stats", "is required (views, clicks…)")
            : Stats.Count > MaxStats ? DomainError.Invalid("stats", $"must hold at most {MaxStats} figures")
            : Stats.Keys.FirstOrDefault(k => string.IsNullOrWhiteSpace(k) || k.Length > 40) is { } badName ? DomainError.Invalid("stats", "names must be 1 to 40 characters")
            : Stats.FirstOrDefault(s => s.Value < 0) is { Key: not null } negative ? DomainError.Invalid($"stats.{negative.Key}", "must not be negative")
            : null);
}
