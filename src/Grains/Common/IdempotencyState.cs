namespace GrainMarket.Common;

/// <summary>One idempotency key's claim: persistent state on the default provider (it has no read model).</summary>
[GenerateSerializer, Alias("gm.common.IdempotencyState")]
public sealed class IdempotencyState
{
    /// <summary>The hash of the request that claimed the key; null while it is free.</summary>
    [Id(0)]
    public string? RequestHash { get; set; }

    [Id(1)]
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The claiming request's response, once it finished.</summary>
    [Id(2)]
    public StoredResponse? Response { get; set; }
}
