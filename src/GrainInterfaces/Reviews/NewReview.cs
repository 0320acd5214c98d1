namespace GrainMarket.Reviews;

/// <summary>A buyer's review of a product of one of their orders.</summary>
[GenerateSerializer, Immutable, Alias("gm.reviews.NewReview")]
public sealed record NewReview(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Guid ProductId,
    [property: Id(2)] Guid AuthorId,
    [property: Id(3)] int Rating,
    [property: Id(4)] string Text);
