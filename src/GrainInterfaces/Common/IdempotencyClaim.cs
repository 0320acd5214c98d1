namespace GrainMarket.Common;

public enum IdempotencyOutcome
{
    /// <summary>The key is this request's: run it.</summary>
    Run,

    /// <summary>The same request already finished: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,

    /// <summary>The same request is still running.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response = null);
