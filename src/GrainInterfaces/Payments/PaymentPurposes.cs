namespace GrainMarket.Payments;

/// <summary>What a provider payment pays for, written into its metadata when it is created.</summary>
public static class PaymentPurposes
{
    /// <summary>Money into the payer's wallet.</summary>
    public const string Topup = "topup";

    /// <summary>An order awaiting payment: the money enters the buyer's wallet and is held for the order.</summary>
    public const string Order = "order";
}
