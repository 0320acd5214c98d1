namespace GrainMarket.Messaging;

/// <summary>The users one user has blocked, oldest first.</summary>
[GenerateSerializer, Alias("gm.messaging.BlockListState")]
public sealed class BlockListState
{
    [Id(0)]
    public List<BlockView> Blocked { get; set; } = [];
}
