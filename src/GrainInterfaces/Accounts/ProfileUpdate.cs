namespace GrainMarket.Accounts;

/// <summary>A partial profile change: null leaves a field as it is.</summary>
public sealed record ProfileUpdate(string? DisplayName, string? Phone, Location? Location, string? AvatarUrl);
