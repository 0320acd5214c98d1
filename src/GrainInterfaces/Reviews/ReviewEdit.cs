namespace GrainMarket.Reviews;

/// <summary>A change of a review by its author; a null member stays as it is.</summary>
[GenerateSerializer, Immutable, Alias("gm.reviews.ReviewEdit")]
public sealed record ReviewEdit([property: Id(0)] int? Rating, [property: Id(1)] string? Text);
