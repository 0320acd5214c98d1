namespace GrainMarket.Ads;

/// <summary>
/// An advertiser's proof of engagement: an uploaded image (<see cref="MediaUrl"/>, a <c>/media/</c> URL), a link to the
/// post, or both, and the figures they report (views, clicks…).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.ads.AdProof")]
public sealed record AdProof(
    [property: Id(0)] string? MediaUrl,
    [property: Id(1)] string? Link,
    [property: Id(2)] IReadOnlyDictionary<string, long> Stats,
    [property: Id(3)] DateTimeOffset SubmittedAt);
