namespace GrainMarket.Cluster.TestGrains;

/// <summary>Coordinates transfers: each call is one transaction started on the silo that hosts this grain.</summary>
[Alias("gm.clustertest.transfer")]
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Moves <paramref name="amount"/> from <paramref name="from"/> to <paramref name="to"/>; false when <paramref name="from"/> is short.</summary>
    [Alias("transfer"), Transaction(TransactionOption.Create)]
    Task<bool> TransferAsync(string from, string to, long amount);

    /// <summary>Deposits <paramref name="amount"/> into <paramref name="account"/> from outside.</summary>
    [Alias("fund"), Transaction(TransactionOption.Create)]
    Task FundAsync(string account, long amount);
}
