namespace GrainMarket.Reviews;

/// <summary>
/// A review as its grain holds it: a hidden one (an admin's decision, with the reason) counts in no average and shows
/// in no list; <see cref="Helpful"/> is how many users other than the author found it helpful.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.reviews.ReviewView")]
public sealed record ReviewView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] Guid ProductId,
    [property: Id(3)] Guid SellerId,
    [property: Id(4)] Guid AuthorId,
    [property: Id(5)] int Rating,
    [property: Id(6)] string Text,
    [property: Id(7)] int Helpful,
    [property: Id(8)] bool Hidden,
    [property: Id(9)] string? HiddenReason,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset? EditedAt);
