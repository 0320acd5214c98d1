namespace GrainMarket.Reviews;

/// <summary>One platform feedback as stored; see <see cref="PlatformFeedbackView"/>.</summary>
[GenerateSerializer, Alias("gm.reviews.PlatformFeedbackState")]
public sealed class PlatformFeedbackState
{
    [Id(0)]
    public Guid UserId { get; set; }

    [Id(1)]
    public int Rating { get; set; }

    [Id(2)]
    public string Text { get; set; } = "";

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }
}
