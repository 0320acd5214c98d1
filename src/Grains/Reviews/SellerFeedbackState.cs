namespace GrainMarket.Reviews;

/// <summary>A seller feedback's transactional state; see <see cref="SellerFeedbackView"/>.</summary>
[GenerateSerializer, Alias("gm.reviews.SellerFeedbackState")]
public sealed class SellerFeedbackState
{
    /// <summary><see cref="Guid.Empty"/> until the feedback is written.</summary>
    [Id(0)]
    public Guid BuyerId { get; set; }

    [Id(1)]
    public Guid OrderId { get; set; }

    [Id(2)]
    public Guid SellerId { get; set; }

    [Id(3)]
    public int Rating { get; set; }

    [Id(4)]
    public string Text { get; set; } = "";

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }
}
