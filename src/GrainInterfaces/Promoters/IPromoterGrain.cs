using GrainMarket.Common;

namespace GrainMarket.Promoters;

/// <summary>
/// A promoter's money standing (key: the promoter's user id): the debts clawbacks leave when their wallet is short,
/// which the next commissions pay first, and their monthly subscription, charged to their wallet as a PAYMENT to the
/// platform and renewed by a reminder. Commission moves between wallets only: a credit is taken from the paying wallets
/// (the platform's or a seller's), a clawback from the promoter's available balance; nothing is created.
/// </summary>
[Alias("gm.promoter")]
public interface IPromoterGrain : IGrainWithGuidKey
{
    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<PromoterView> GetAsync();

    /// <summary>
    /// Pays the commission inside the completion's transaction: each share is held in its paying wallet and captured as
    /// COMMISSION to the promoter, less what goes first to the promoter's creditors. A paying wallet without the money
    /// answers its refusal (the completion then aborts and is tried again).
    /// </summary>
    [Transaction(TransactionOption.Join)]
    [Alias("credit")]
    Task<DomainError?> CreditAsync(CommissionMovement commission);

    /// <summary>
    /// Takes commission back inside the refund's transaction, each share to its wallet, from the promoter's available
    /// balance; what it cannot cover is recorded as debt. Answers the debt recorded.
    /// </summary>
    [Transaction(TransactionOption.Join)]
    [Alias("clawBack")]
    Task<long> ClawBackAsync(CommissionMovement clawback, DateTimeOffset at);

    /// <summary>
    /// Charges a month of the subscription (a retried charge of the same month is one charge) and keeps it
    /// renewing; insufficient-funds when the wallet is short. Paid already: extends from the end of the paid month.
    /// </summary>
    [Alias("subscribe")]
    Task<Result<PromoterView>> SubscribeAsync();

    /// <summary>Stops renewing: the paid month runs out.</summary>
    [Alias("cancelSubscription")]
    Task<PromoterView> CancelSubscriptionAsync();
}
