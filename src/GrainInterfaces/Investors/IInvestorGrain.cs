using GrainMarket.Common;

namespace GrainMarket.Investors;

/// <summary>
/// An investor's stakes and payouts (key: the investor's user id). A payout and the platform wallet's change commit in
/// one transaction: a hold on the platform's wallet (<c>insufficient-funds</c> when it is short: nothing changes),
/// captured at once as a PAYMENT into the investor's wallet. Each record carries a deterministic id, so a repeat
/// answers the statement and applies nothing twice.
/// </summary>
[Alias("gm.investor")]
public interface IInvestorGrain : IGrainWithGuidKey
{
    /// <summary>How many stakes and how many payouts one investor's state keeps.</summary>
    public const int MaxRecords = 1000;

    /// <summary>The longest note of a stake or a payout.</summary>
    public const int MaxNoteLength = 500;

    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("recordStake")]
    Task<Result<InvestorStatement>> RecordStakeAsync(InvestorStake stake);

    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("pay")]
    Task<Result<InvestorStatement>> PayAsync(InvestorPayout payout);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("getStatement")]
    Task<InvestorStatement> GetStatementAsync();
}
