namespace GrainMarket.Accounts;

/// <summary>What an account looks like to itself and to admins.</summary>
public sealed record UserView(
    Guid UserId,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string ActiveRole,
    string? Phone,
    Location? Location,
    string? AvatarUrl,
    bool Blocked,
    DateTimeOffset CreatedAt);
