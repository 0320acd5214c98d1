namespace GrainMarket.Returns;

/// <summary>
/// The order as a return's resolution found it: whether it had settled (completed), and the value of the return's
/// seller's lines it still sold before this return (less what earlier refunds took back): the base of the fee a refund
/// after settlement takes back from the platform.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.returns.OrderReturnTerms")]
public sealed record OrderReturnTerms(
    [property: Id(0)] bool Settled,
    [property: Id(1)] long SellerSales);
