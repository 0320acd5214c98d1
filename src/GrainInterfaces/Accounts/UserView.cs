namespace GrainMarket.Accounts;

/// <summary>What an account looks like to itself and to admins.</summary>
[GenerateSerializer, Alias("gm.accounts.UserView")]
public sealed record UserView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] string ActiveRole,
    [property: Id(5)] string? Phone,
    [property: Id(6)] Location? Location,
    [property: Id(7)] string? AvatarUrl,
    [property: Id(8)] bool Blocked,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] string? Username = null);
