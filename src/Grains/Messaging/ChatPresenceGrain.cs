namespace GrainMarket.Messaging;

/// <summary>
/// A user's open <c>/ws/chat</c> sockets as leases (<see cref="IChatPresenceGrain"/>), in memory only: losing them
/// makes the user look offline, which costs at most a notification they did not need.
/// </summary>
[GrainType("chat-presence")]
public sealed class ChatPresenceGrain(TimeProvider time) : Grain, IChatPresenceGrain
{
    private readonly Dictionary<Guid, DateTimeOffset> _leases = [];

    Task IChatPresenceGrain.ConnectAsync(Guid socketId)
    {
        var now = time.GetUtcNow();
        foreach (var lapsed in _leases.Where(l => l.Value <= now).Select(l => l.Key).ToList())
        {
            _leases.Remove(lapsed);
        }

        _leases[socketId] = now + IChatPresenceGrain.Lease;
        return Task.CompletedTask;
    }

    Task IChatPresenceGrain.DisconnectAsync(Guid socketId)
    {
        _leases.Remove(socketId);
        return Task.CompletedTask;
    }

    Task<bool> IChatPresenceGrain.IsOnlineAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(_leases.Values.Any(until => until > now));
    }
}
