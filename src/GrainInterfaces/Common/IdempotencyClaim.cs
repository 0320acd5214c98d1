namespace GrainMarket.Common;

[GenerateSerializer, Alias("gm.common.IdempotencyOutcome")]
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

[GenerateSerializer, Alias("gm.common.IdempotencyClaim")]
public sealed record IdempotencyClaim(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] StoredResponse? Response = null);
