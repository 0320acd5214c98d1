using GrainMarket.Persistence.Tests.TransactionalStorage;
using Orleans.Transactions.Abstractions;

namespace GrainMarket.Persistence.Tests.Grains;

[GrainType("gm-tests-account")]
public sealed class AccountGrain([TransactionalState("balance")] ITransactionalState<BalanceState> balance) : Grain, IAccountGrain
{
    Task<long> IAccountGrain.GetBalanceAsync() => balance.PerformRead(state => state.Amount);

    Task IAccountGrain.DepositAsync(long amount) => balance.PerformUpdate(state => state.Amount += amount);

    Task IAccountGrain.WithdrawAsync(long amount) => balance.PerformUpdate(state =>
    {
        if (state.Amount < amount)
        {
            throw new InvalidOperationException($"Account {this.GetPrimaryKeyString()} holds {state.Amount}, less than {amount}.");
        }

        state.Amount -= amount;
    });
}
