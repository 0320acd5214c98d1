using GrainMarket.Orders;

namespace GrainMarket.Complaints;

/// <summary>A complaint's state; see <see cref="ComplaintView"/> for the meaning of each member.</summary>
[GenerateSerializer, Alias("gm.complaints.ComplaintState")]
public sealed class ComplaintState
{
    /// <summary>Null until the complaint is opened.</summary>
    [Id(0)]
    public string? Status { get; set; }

    [Id(1)]
    public Guid ComplainantId { get; set; }

    [Id(2)]
    public string Subject { get; set; } = "";

    [Id(3)]
    public Guid SubjectId { get; set; }

    [Id(4)]
    public Guid OtherPartyId { get; set; }

    [Id(5)]
    public string Reason { get; set; } = "";

    [Id(6)]
    public string? Response { get; set; }

    [Id(7)]
    public DateTimeOffset? RespondedAt { get; set; }

    [Id(8)]
    public Guid? ConversationId { get; set; }

    [Id(9)]
    public string? Note { get; set; }

    [Id(10)]
    public List<OrderEvent> History { get; set; } = [];

    [Id(11)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(12)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(13)]
    public bool AgainstSeller { get; set; }

    [Id(14)]
    public long PenaltyPoints { get; set; }
}
