namespace GrainMarket.Messaging;

/// <summary>
/// Whether a user has a <c>/ws/chat</c> socket open on any gateway, keyed by the user id. Gateways hold a lease per
/// socket and renew it every <see cref="Renew"/>; a lease not renewed for <see cref="Lease"/> (a gateway that died)
/// lapses. Kept in memory only: a lost activation counts the user offline until the next renewal, so at worst an
/// online user also gets a notification.
/// </summary>
[Alias("gm.chat-presence")]
public interface IChatPresenceGrain : IGrainWithGuidKey
{
    /// <summary>How long a socket's lease lasts without renewal.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How often a gateway renews the lease of each open socket.</summary>
    public static readonly TimeSpan Renew = TimeSpan.FromMinutes(1);

    /// <summary>Takes or renews the lease of socket <paramref name="socketId"/>.</summary>
    [Alias("connect")]
    Task ConnectAsync(Guid socketId);

    /// <summary>Ends the lease of socket <paramref name="socketId"/>.</summary>
    [Alias("disconnect")]
    Task DisconnectAsync(Guid socketId);

    /// <summary>Whether any socket's lease is live.</summary>
    [ReadOnly]
    [Alias("online")]
    Task<bool> IsOnlineAsync();
}
