using GrainMarket.Common;

namespace GrainMarket.Wallets;

/// <summary>
/// One withdrawal (key: its id). The request holds the amount in the wallet under <c>withdrawal:{id}:hold</c>; an
/// admin's approval pays the hold out of the platform (WITHDRAWAL), a rejection releases it (RELEASE). Each step and
/// its wallet change commit in one transaction. A withdrawal resolves once: approving or rejecting it again answers
/// <c>withdrawal-not-pending</c>.
/// </summary>
[Alias("gm.withdrawal")]
public interface IWithdrawalGrain : IGrainWithGuidKey
{
    /// <summary>Requests the withdrawal; a repeat of a request already made returns it as it is.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("request")]
    Task<Result<WithdrawalView>> RequestAsync(string walletId, long amount);

    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("approve")]
    Task<Result<WithdrawalView>> ApproveAsync();

    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("reject")]
    Task<Result<WithdrawalView>> RejectAsync();

    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<WithdrawalView?> GetAsync();
}
