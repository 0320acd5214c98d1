using GrainMarket.Runtime.Transactions;

namespace GrainMarket.Runtime.Cluster;

/// <summary>Reaches a transaction's participants on other silos through their silo endpoints.</summary>
internal sealed class RemoteParticipantsClient(SiloClient client, MembershipView view) : IRemoteParticipants
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<RemoteVotes> PrepareAsync(string siloId, Guid transactionId)
    {
        using var limit = new CancellationTokenSource(Timeout);
        return await client.PrepareAsync(Find(siloId), transactionId, limit.Token);
    }

    public async Task DecideAsync(string siloId, TransactionDecision decision)
    {
        using var limit = new CancellationTokenSource(Timeout);
        await client.DecideAsync(Find(siloId), decision, limit.Token);
    }

    public async Task WoundAsync(string siloId, Guid transactionId)
    {
        using var limit = new CancellationTokenSource(Timeout);
        await client.WoundAsync(Find(siloId), transactionId, limit.Token);
    }

    private SiloInfo Find(string siloId) =>
        view.ActiveSilos.FirstOrDefault(s => s.SiloId == siloId)
        ?? throw new GrainMarket.Runtime.Core.SiloUnavailableException($"Silo {siloId} holds participants of the transaction but is no longer active.");
}
