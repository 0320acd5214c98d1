namespace GrainMarket.Accounts;

/// <summary>A partial profile change: null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("gm.accounts.ProfileUpdate")]
public sealed record ProfileUpdate(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] string? Phone,
    [property: Id(2)] Location? Location,
    [property: Id(3)] string? AvatarUrl,
    [property: Id(4)] string? Username = null);
