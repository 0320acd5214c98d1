namespace GrainMarket.Common;

/// <summary>
/// One client's <c>Idempotency-Key</c> (key: <c>{scope}:{key}</c>): the hash of the request that first used it and,
/// once that request finished, its response. A retry replays the response; another request under the same key is
/// refused. The domain grains still apply each step once by its own deterministic id: this grain is the client-facing
/// half (same answer, body checks), not the only guard.
/// </summary>
[Alias("gm.idempotency")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request with hash <paramref name="requestHash"/>, or says why it cannot run.</summary>
    [Alias("begin")]
    Task<IdempotencyClaim> BeginAsync(string requestHash);

    /// <summary>Stores the response of the request that claimed the key.</summary>
    [Alias("complete")]
    Task CompleteAsync(string requestHash, StoredResponse response);

    /// <summary>Frees the key after a failure that changed nothing the client can see (5xx), so a retry runs again.</summary>
    [Alias("abandon")]
    Task AbandonAsync(string requestHash);
}
