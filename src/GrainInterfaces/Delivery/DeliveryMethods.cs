namespace GrainMarket.Delivery;

/// <summary>How an order came to be delivered (<see cref="DeliveryRecord.Method"/>).</summary>
public static class DeliveryMethods
{
    /// <summary>The courier entered the buyer's PIN.</summary>
    public const string Pin = "pin";

    /// <summary>The courier scanned the buyer's QR code.</summary>
    public const string QrCode = "qr";

    /// <summary>The buyer confirmed they received it.</summary>
    public const string BuyerConfirmation = "buyer-confirmation";

    /// <summary>An admin marked it delivered.</summary>
    public const string Admin = "admin";

    /// <summary>An admin resolved the buyer's dispute in the sellers' favour.</summary>
    public const string DisputeReleased = "dispute-released";
}
