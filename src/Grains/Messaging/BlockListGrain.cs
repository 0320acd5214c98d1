using GrainMarket.Persistence.PostgreSql;

namespace GrainMarket.Messaging;

/// <summary>One user's block list (<see cref="IBlockListGrain"/>); its write carries the <c>user_blocks</c> rows (<see cref="BlockListProjection"/>).</summary>
[GrainType("block-list")]
public sealed class BlockListGrain(
    [PersistentState("blocks", PostgresGrainStorage.ProviderName)] IPersistentState<BlockListState> blocks,
    TimeProvider time) : Grain, IBlockListGrain
{
    private List<BlockView> Blocked => blocks.State.Blocked;

    async Task<bool> IBlockListGrain.BlockAsync(Guid userId)
    {
        if (Blocked.Exists(b => b.UserId == userId))
        {
            return true;
        }

        if (Blocked.Count >= IBlockListGrain.Capacity)
        {
            return false;
        }

        Blocked.Add(new BlockView(userId, time.GetUtcNow()));
        await WriteAsync();
        return true;
    }

    async Task<bool> IBlockListGrain.UnblockAsync(Guid userId)
    {
        if (Blocked.RemoveAll(b => b.UserId == userId) == 0)
        {
            return false;
        }

        await WriteAsync();
        return true;
    }

    Task<bool> IBlockListGrain.BlocksAsync(Guid userId) => Task.FromResult(Blocked.Exists(b => b.UserId == userId));

    Task<IReadOnlyList<BlockView>> IBlockListGrain.ListAsync() => Task.FromResult<IReadOnlyList<BlockView>>([.. Enumerable.Reverse(Blocked)]);

    private async Task WriteAsync()
    {
        try
        {
            await blocks.WriteStateAsync();
        }
        catch
        {
            // Changed in memory before a write that may or may not have been stored: reload on the next activation.
            DeactivateOnIdle();
            throw;
        }
    }
}
