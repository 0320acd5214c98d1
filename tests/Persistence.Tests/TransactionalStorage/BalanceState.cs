namespace GrainMarket.Persistence.Tests.TransactionalStorage;

/// <summary>The transactional state the storage tests store: an account balance.</summary>
[GenerateSerializer, Alias("gm.tests.BalanceState")]
public sealed class BalanceState
{
    [Id(0)]
    public long Amount { get; set; }
}
