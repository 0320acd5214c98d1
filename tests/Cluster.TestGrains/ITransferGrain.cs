using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

/// <summary>Coordinates transfers: each call is one transaction started on the silo that hosts this grain.</summary>
public interface ITransferGrain : IGrainWithStringKey
{
    [Transaction(TransactionOption.Create)]
    Task<bool> TransferAsync(string from, string to, long amount);

    [Transaction(TransactionOption.Create)]
    Task FundAsync(string account, long amount);
}
