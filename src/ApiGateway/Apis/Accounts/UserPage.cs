namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record UserPage(IReadOnlyList<UserListItem> Items, string? Next);
