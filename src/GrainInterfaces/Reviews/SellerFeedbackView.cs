namespace GrainMarket.Reviews;

/// <summary>A buyer's feedback on a seller for one order.</summary>
[GenerateSerializer, Immutable, Alias("gm.reviews.SellerFeedbackView")]
public sealed record SellerFeedbackView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] Guid SellerId,
    [property: Id(3)] Guid BuyerId,
    [property: Id(4)] int Rating,
    [property: Id(5)] string Text,
    [property: Id(6)] DateTimeOffset CreatedAt);
