namespace GrainMarket.Messaging;

/// <summary>
/// The users one user has blocked, keyed by the user id. A block stops messages and new conversations both ways and
/// hides the two from each other's user search (the <c>user_blocks</c> read model, written with the list).
/// </summary>
[Alias("gm.block-list")]
public interface IBlockListGrain : IGrainWithGuidKey
{
    /// <summary>The most users one user may block.</summary>
    public const int Capacity = 1000;

    /// <summary>Blocks <paramref name="userId"/> (idempotent); false when the list is full.</summary>
    [Alias("block")]
    Task<bool> BlockAsync(Guid userId);

    /// <summary>Unblocks <paramref name="userId"/>; false when it was not blocked.</summary>
    [Alias("unblock")]
    Task<bool> UnblockAsync(Guid userId);

    /// <summary>Whether this user has blocked <paramref name="userId"/>.</summary>
    [ReadOnly]
    [Alias("blocks")]
    Task<bool> BlocksAsync(Guid userId);

    /// <summary>The blocked users, newest first.</summary>
    [ReadOnly]
    [Alias("list")]
    Task<IReadOnlyList<BlockView>> ListAsync();
}
