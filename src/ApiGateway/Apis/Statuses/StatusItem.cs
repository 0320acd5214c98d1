namespace GrainMarket.ApiGateway.Apis.Statuses;

/// <summary>A live status in the caller's list: whose it is (public profile fields only), what it says, until when it is seen.</summary>
public sealed record StatusItem(Guid Id, Guid UserId, string DisplayName, string Text, DateTimeOffset PostedAt, DateTimeOffset ExpiresAt, bool Mine);
