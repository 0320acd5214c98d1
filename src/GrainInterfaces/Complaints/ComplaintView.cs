using GrainMarket.Orders;

namespace GrainMarket.Complaints;

/// <summary>
/// A complaint: who complains (<see cref="ComplainantId"/>) about what (<see cref="Subject"/>, <see cref="SubjectId"/>),
/// the other party, where it stands, the reason, the other party's response, the attached conversation, the admin's
/// note (why it was resolved or rejected), whether the other party is the seller and the points a resolution took from
/// them, and each step with who took it.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.complaints.ComplaintView")]
public sealed record ComplaintView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ComplainantId,
    [property: Id(2)] string Subject,
    [property: Id(3)] Guid SubjectId,
    [property: Id(4)] Guid OtherPartyId,
    [property: Id(5)] string Status,
    [property: Id(6)] string Reason,
    [property: Id(7)] string? Response,
    [property: Id(8)] DateTimeOffset? RespondedAt,
    [property: Id(9)] Guid? ConversationId,
    [property: Id(10)] string? Note,
    [property: Id(11)] IReadOnlyList<OrderEvent> History,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] bool AgainstSeller,
    [property: Id(14)] long PenaltyPoints)
{
    /// <summary>Whether <paramref name="userId"/> may see the complaint: its complainant or its other party.</summary>
    public bool IsParty(Guid userId) => userId == ComplainantId || userId == OtherPartyId;
}
