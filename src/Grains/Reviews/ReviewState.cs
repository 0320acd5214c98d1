namespace GrainMarket.Reviews;

/// <summary>A review's transactional state; see <see cref="ReviewView"/> for the meaning of each member.</summary>
[GenerateSerializer, Alias("gm.reviews.ReviewState")]
public sealed class ReviewState
{
    /// <summary><see cref="Guid.Empty"/> until the review is written.</summary>
    [Id(0)]
    public Guid AuthorId { get; set; }

    [Id(1)]
    public Guid OrderId { get; set; }

    [Id(2)]
    public Guid ProductId { get; set; }

    [Id(3)]
    public Guid SellerId { get; set; }

    [Id(4)]
    public int Rating { get; set; }

    [Id(5)]
    public string Text { get; set; } = "";

    /// <summary>The users who voted the review helpful, each once.</summary>
    [Id(6)]
    public HashSet<Guid> HelpfulVoters { get; set; } = [];

    [Id(7)]
    public bool Hidden { get; set; }

    [Id(8)]
    public string? HiddenReason { get; set; }

    /// <summary>Deleted by its author: gone from lists and the average, and the order line may be reviewed again.</summary>
    [Id(9)]
    public bool Deleted { get; set; }

    [Id(10)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(11)]
    public DateTimeOffset? EditedAt { get; set; }

    public bool Exists => AuthorId != Guid.Empty && !Deleted;

    /// <summary>The stars this review adds to its product's tally: none while hidden or once deleted.</summary>
    public int CountedStars => Exists && !Hidden ? Rating : 0;
}
