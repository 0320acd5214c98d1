using GrainMarket.Common;

namespace GrainMarket.Wallets;

/// <summary>
/// A wallet and its ledger (key: <see cref="WalletKeys.ForUser"/> or <see cref="WalletKeys.Platform"/>). Holds are
/// two-phase, as TigerBeetle's pending transfers: <see cref="HoldAsync"/> moves money from available to held, and the
/// hold resolves exactly once by <see cref="CaptureAsync"/>, <see cref="WithdrawAsync"/>, <see cref="ReleaseAsync"/> or
/// expiry; resolving it again returns the first outcome and changes nothing. Every money operation carries a
/// deterministic id, so a retried step returns its first result and applies nothing twice. Every method joins the
/// caller's transaction, or creates one when called outside a transaction; expected failures are
/// <see cref="DomainError"/> values and change nothing.
/// </summary>
[Alias("gm.wallet")]
public interface IWalletGrain : IGrainWithStringKey
{
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("getBalance")]
    Task<WalletBalance> GetBalanceAsync();

    /// <summary>
    /// Credits <paramref name="amount"/> as <paramref name="type"/>, once per <paramref name="operationId"/> (a repeat
    /// returns the first entry). TOPUP and ADJUSTMENT bring money in from outside; PAYMENT, REFUND, FEE and COMMISSION
    /// must be the receiving side of a debit in the same transaction.
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("credit")]
    Task<Result<LedgerEntry>> CreditAsync(string operationId, string type, long amount, string reference);

    /// <summary>
    /// Holds <paramref name="amount"/> of the available balance under <paramref name="holdId"/> (<c>insufficient-funds</c>
    /// when it exceeds available); expires at <paramref name="expiresAt"/> if given. A hold id already used returns
    /// that hold as it is. <paramref name="neverUsed"/>: the caller knows the id was never used (it derives from a state
    /// this same transaction creates, as an order's does), so it is not looked up first; should it exist after all, the
    /// commit is refused and the next attempt looks it up.
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("hold")]
    Task<Result<HoldView>> HoldAsync(string holdId, long amount, string reference, DateTimeOffset? expiresAt, bool neverUsed = false);

    /// <summary>
    /// Sets the pending hold <paramref name="holdId"/> to exactly <paramref name="amount"/>, creating it when it does not
    /// exist; zero leaves it pending and empty, to be raised again or resolved later. A raise needs the difference
    /// available (<c>insufficient-funds</c>); a resolved hold cannot change (<c>hold-already-resolved</c>). An auction keeps
    /// one such hold per bidder, exactly their maximum bid: raised as it grows and cut when they are outbid.
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("setHold")]
    Task<Result<HoldView>> SetHoldAsync(string holdId, long amount, string reference);

    /// <summary>
    /// Captures <paramref name="amount"/> (all or part) of a pending hold and releases the rest; the captured money is
    /// credited, in the same transaction, to the <paramref name="payouts"/> (PAYMENT, FEE, COMMISSION or REFUND), whose
    /// amounts must add up to <paramref name="amount"/>. Returns the hold with its outcome (its first outcome if it was already resolved).
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("capture")]
    Task<Result<HoldView>> CaptureAsync(string holdId, long amount, IReadOnlyList<Payout> payouts);

    /// <summary>
    /// Gives <paramref name="amount"/> of the pending hold <paramref name="holdId"/> back to this wallet as a refund, once
    /// per <paramref name="operationId"/> (a repeat returns the first entry): the hold shrinks by it and stays pending for
    /// the rest, a CAPTURE entry takes it out of held and a REFUND entry credits it to available, both with
    /// <paramref name="reference"/>. A return refunded before its order settles is paid this way out of the order's hold.
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("refundHold")]
    Task<Result<LedgerEntry>> RefundHoldAsync(string holdId, string operationId, long amount, string reference);

    /// <summary>Releases a pending hold back to available; returns the hold with its (first) outcome.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("release")]
    Task<Result<HoldView>> ReleaseAsync(string holdId);

    /// <summary>Pays a pending hold out of the platform in full (WITHDRAWAL: money leaves); returns the hold with its (first) outcome.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("withdraw")]
    Task<Result<HoldView>> WithdrawAsync(string holdId);

    /// <summary>Expires the hold if it is pending and past its deadline; otherwise returns it as it is. The hold's reminder calls this.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("expire")]
    Task<Result<HoldView>> ExpireAsync(string holdId);

    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("getHold")]
    Task<HoldView?> GetHoldAsync(string holdId);
}
