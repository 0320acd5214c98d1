namespace GrainMarket.Wallets;

/// <summary>
/// The type of every ledger entry. <see cref="Topup"/> and <see cref="Adjustment"/> bring money in from outside and
/// <see cref="Withdrawal"/> takes it out; every other type moves money inside the platform, so the sum over all wallets
/// changes only by the external ones.
/// </summary>
public static class LedgerEntryTypes
{
    public const string Topup = "TOPUP";
    public const string Hold = "HOLD";
    public const string Release = "RELEASE";
    public const string Capture = "CAPTURE";
    public const string Payment = "PAYMENT";
    public const string Refund = "REFUND";
    public const string Fee = "FEE";
    public const string Commission = "COMMISSION";
    public const string Withdrawal = "WITHDRAWAL";
    public const string Adjustment = "ADJUSTMENT";

    /// <summary>Credits of money that enters the platform (counted in <c>externalIn</c>).</summary>
    public static IReadOnlyList<string> External { get; } = [Topup, Adjustment];

    /// <summary>Credits that are the receiving side of a movement inside the platform (a capture's payouts, a refund).</summary>
    public static IReadOnlyList<string> Internal { get; } = [Payment, Refund, Fee, Commission];

    public static bool IsExternal(string type) => External.Contains(type, StringComparer.Ordinal);

    public static bool IsCredit(string type) => IsExternal(type) || Internal.Contains(type, StringComparer.Ordinal);
}
