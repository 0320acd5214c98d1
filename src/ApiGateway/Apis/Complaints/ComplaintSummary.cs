namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>A complaint in a list (the <c>complaints</c> read model); <see cref="Responded"/>: the other party has responded.</summary>
public sealed record ComplaintSummary(
    Guid Id, Guid ComplainantId, Guid OtherPartyId, string Subject, Guid SubjectId, string Status, Guid? ConversationId, bool Responded, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
