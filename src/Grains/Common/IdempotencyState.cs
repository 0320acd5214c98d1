namespace GrainMarket.Common;

public sealed class IdempotencyState
{
    public string? RequestHash { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public StoredResponse? Response { get; set; }
}
