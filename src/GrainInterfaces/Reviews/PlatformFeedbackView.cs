namespace GrainMarket.Reviews;

/// <summary>A user's rating of the platform itself, with what they wrote.</summary>
[GenerateSerializer, Immutable, Alias("gm.reviews.PlatformFeedbackView")]
public sealed record PlatformFeedbackView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] int Rating,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset CreatedAt);
