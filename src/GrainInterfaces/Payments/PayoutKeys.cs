namespace GrainMarket.Payments;

/// <summary>Keys of settlement transfers to connected accounts.</summary>
public static class PayoutKeys
{
    /// <summary>The transfer grain, and the provider's idempotency key, of <paramref name="sellerId"/>'s share of <paramref name="orderId"/>: one per seller and order, ever.</summary>
    public static string Transfer(Guid orderId, Guid sellerId) => $"transfer:{orderId}:{sellerId}";

    /// <summary>
    /// The provider's idempotency key of an attempt at transfer <paramref name="key"/> after <paramref name="refusals"/>
    /// outright refusals: the transfer's key until one, then a key per refusal, since a provider may answer a key it
    /// refused with the same refusal for as long as it remembers the key.
    /// </summary>
    public static string Attempt(string key, int refusals) => refusals == 0 ? key : $"{key}:{refusals}";

    /// <summary>The hold in the seller's wallet that pays their share out of the platform (WITHDRAWAL) to the transfer.</summary>
    public static string Hold(Guid orderId, Guid sellerId) => $"order:{orderId:N}:transfer:{sellerId:N}";
}
