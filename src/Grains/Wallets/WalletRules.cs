using GrainMarket.Common;

namespace GrainMarket.Wallets;

/// <summary>The input rules of wallet operations, checked before anything changes.</summary>
internal static class WalletRules
{
    private const int MaxIdLength = 300;

    private const int MaxPayouts = 100;

    public static DomainError? CheckOperation(string? id, string field) =>
        string.IsNullOrWhiteSpace(id) ? DomainError.Invalid(field, "is required")
        : id.Length > MaxIdLength ? DomainError.Invalid(field, $"must be at most {MaxIdLength} characters")
        : null;

    public static DomainError? CheckAmount(long amount, string field = "amount") =>
        amount <= 0 ? DomainError.Invalid(field, "must be greater than zero")
        : amount > WalletKeys.MaxAmount ? DomainError.Invalid(field, $"must be at most {WalletKeys.MaxAmount}")
        : null;

    public static DomainError? CheckReference(string? reference) =>
        reference is null ? DomainError.Invalid("reference", "is required")
        : reference.Length > MaxIdLength ? DomainError.Invalid("reference", $"must be at most {MaxIdLength} characters")
        : null;

    /// <summary>Payouts go to other wallets, as internal credit types, and add up to the captured amount exactly.</summary>
    public static DomainError? CheckPayouts(string payer, long amount, IReadOnlyList<Payout>? payouts)
    {
        if (payouts is null || payouts.Count == 0 || payouts.Count > MaxPayouts)
        {
            return DomainError.Invalid("payouts", $"must name where the captured money goes, in 1 to {MaxPayouts} payouts");
        }

        long total = 0;
        foreach (var payout in payouts)
        {
            if ((CheckOperation(payout.WalletId, "payouts.walletId") ?? CheckAmount(payout.Amount, "payouts.amount")) is { } invalid)
            {
                return invalid;
            }

            if (payout.WalletId == payer)
            {
                return DomainError.Invalid("payouts.walletId", "must be another wallet than the one captured from");
            }

            if (payout.Type is not (LedgerEntryTypes.Payment or LedgerEntryTypes.Fee or LedgerEntryTypes.Commission or LedgerEntryTypes.Refund))
            {
                return DomainError.Invalid("payouts.type", "must be PAYMENT, FEE, COMMISSION or REFUND");
            }

            total += payout.Amount;
        }

        return total == amount ? null : DomainError.Invalid("payouts", $"must add up to the captured amount {amount}, not {total}");
    }
}
