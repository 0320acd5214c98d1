namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>A page of the user directory, by name; <see cref="Next"/> is the cursor of the next page.</summary>
public sealed record UserSearchPage(IReadOnlyList<PublicUser> Items, string? Next);
