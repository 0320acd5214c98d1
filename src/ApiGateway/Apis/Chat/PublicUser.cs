namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>What the user directory shows of an account: its id, username (null until chosen) and display name, never its e-mail.</summary>
public sealed record PublicUser(Guid Id, string? Username, string DisplayName);
