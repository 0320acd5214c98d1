namespace GrainMarket.Common;

[GrainType("idempotency")]
public sealed class IdempotencyGrain([PersistentState("key")] IPersistentState<IdempotencyState> key, IdempotencySettings settings, TimeProvider timeProvider) : Grain, IIdempotencyGrain
{
    /// <summary>A claim whose request never finished (its gateway died) may be taken again after this long.</summary>
    private static readonly TimeSpan RunningLease = TimeSpan.FromMinutes(2);

    async Task<IdempotencyClaim> IIdempotencyGrain.BeginAsync(string requestHash)
    {
        var now = timeProvider.GetUtcNow();
        if (key.State.Response is not null && now - key.State.StartedAt >= settings.Retention)
        {
            // The stored answer has expired: the key is new again (the write below replaces the old record).
            key.State = new IdempotencyState();
        }

        var state = key.State;
        if (state.RequestHash is not null && state.RequestHash != requestHash)
        {
            return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
        }

        if (state.Response is not null)
        {
            return new IdempotencyClaim(IdempotencyOutcome.Replay, state.Response);
        }

        if (state.RequestHash is not null && now - state.StartedAt < RunningLease)
        {
            return new IdempotencyClaim(IdempotencyOutcome.InProgress);
        }

        state.RequestHash = requestHash;
        state.StartedAt = now;
        await key.WriteStateAsync();
        return new IdempotencyClaim(IdempotencyOutcome.Run);
    }

    async Task IIdempotencyGrain.CompleteAsync(string requestHash, StoredResponse response)
    {
        if (key.State.RequestHash != requestHash || key.State.Response is not null)
        {
            return;
        }

        key.State.Response = response;
        await key.WriteStateAsync();
    }

    async Task IIdempotencyGrain.AbandonAsync(string requestHash)
    {
        if (key.State.RequestHash == requestHash && key.State.Response is null)
        {
            await key.ClearStateAsync();
        }
    }
}
