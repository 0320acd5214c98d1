namespace GrainMarket.Persistence.Tests.Grains;

/// <summary>Moves money between two <see cref="IAccountGrain"/>s in one Orleans transaction.</summary>
[Alias("gm.tests.transfer")]
public interface ITransferGrain : IGrainWithIntegerKey
{
    /// <summary>Withdraws from <paramref name="from"/> and deposits into <paramref name="to"/>, all or nothing.</summary>
    [Alias("transfer"), Transaction(TransactionOption.Create)]
    Task TransferAsync(string from, string to, long amount);
}
