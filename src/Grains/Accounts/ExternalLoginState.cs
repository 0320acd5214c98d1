namespace GrainMarket.Accounts;

/// <summary>The account an external identity signs in to, and the link it waits for when its e-mail had an account already.</summary>
[GenerateSerializer, Alias("gm.accounts.ExternalLoginState")]
public sealed class ExternalLoginState
{
    [Id(0)]
    public Guid UserId { get; set; }

    /// <summary>The account a pending link ticket would link to (the owner of the provider's e-mail address).</summary>
    [Id(1)]
    public Guid PendingUserId { get; set; }

    [Id(2)]
    public string? PendingTicketHash { get; set; }

    [Id(3)]
    public DateTimeOffset? PendingExpiresAt { get; set; }

    /// <summary>What the provider said at the sign-in that asked for the link: the link stores it on the account.</summary>
    [Id(4)]
    public ExternalIdentity? PendingIdentity { get; set; }
}
