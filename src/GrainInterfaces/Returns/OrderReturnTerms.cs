namespace GrainMarket.Returns;

/// <summary>
/// The order as a return's resolution found it: whether it had settled (completed), and the value of the return's
/// seller's lines it still sold before this return (less what earlier refunds took back): the base of the fee a refund
/// after settlement takes back from the platform. With a platform-funded coupon the sales are the lines' value before the
/// coupon (what settlement paid the seller on) and <see cref="PlatformCoupon"/> is the coupon share of the returned
/// lines, which the platform paid the seller at settlement and takes back. <see cref="Payment"/> is how the order was paid
/// when a provider paid it (its refund goes back there), null for a wallet payment.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.returns.OrderReturnTerms")]
public sealed record OrderReturnTerms(
    [property: Id(0)] bool Settled,
    [property: Id(1)] long SellerSales,
    [property: Id(2)] long PlatformCoupon = 0,
    [property: Id(3)] Orders.OrderPayment? Payment = null);
