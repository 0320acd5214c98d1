namespace GrainMarket.Runtime.Tests.Grains;

public sealed record AccountState
{
    public long Balance { get; init; }

    public IReadOnlyList<string> Entries { get; init; } = [];
}

public interface IAccountGrain : IGrainWithStringKey
{
    Task<long> DepositAsync(long amount, string entry);

    Task<AccountState> GetAsync();

    Task<string?> GetEtagAsync();

    Task ClearAsync();
}

/// <summary>A grain with persistent state, written once per command.</summary>
public sealed class AccountGrain([PersistentState("account")] IPersistentState<AccountState> account) : Grain, IAccountGrain
{
    async Task<long> IAccountGrain.DepositAsync(long amount, string entry)
    {
        account.State = account.State with { Balance = account.State.Balance + amount, Entries = [.. account.State.Entries, entry] };
        await account.WriteStateAsync();
        return account.State.Balance;
    }

    Task<AccountState> IAccountGrain.GetAsync() => Task.FromResult(account.State);

    Task<string?> IAccountGrain.GetEtagAsync() => Task.FromResult(account.Etag);

    Task IAccountGrain.ClearAsync() => account.ClearStateAsync();
}
