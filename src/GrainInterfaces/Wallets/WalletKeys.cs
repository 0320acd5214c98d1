namespace GrainMarket.Wallets;

/// <summary>The keys of wallet grains, and the bounds every amount must respect.</summary>
public static class WalletKeys
{
    /// <summary>The platform's own wallet: fees and commissions land here.</summary>
    public const string Platform = "platform";

    /// <summary>The largest amount of one operation (minor units); keeps every sum of balances far from overflowing.</summary>
    public const long MaxAmount = 1_000_000_000_000;

    /// <summary>A user's wallet is keyed by the user id in its "D" form.</summary>
    public static string ForUser(Guid userId) => userId.ToString();

    /// <summary>The hold that withdrawal <paramref name="withdrawalId"/> places on its wallet.</summary>
    public static string WithdrawalHold(Guid withdrawalId) => $"withdrawal:{withdrawalId:N}:hold";
}
