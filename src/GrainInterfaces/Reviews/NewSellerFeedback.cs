namespace GrainMarket.Reviews;

/// <summary>A buyer's rating of one seller of one of their orders.</summary>
[GenerateSerializer, Immutable, Alias("gm.reviews.NewSellerFeedback")]
public sealed record NewSellerFeedback(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] Guid BuyerId,
    [property: Id(3)] int Rating,
    [property: Id(4)] string Text);
