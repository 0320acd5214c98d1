namespace GrainMarket.Complaints;

/// <summary>
/// A complaint by <paramref name="ComplainantId"/> about <paramref name="SubjectId"/> of kind <paramref name="Subject"/>
/// (<see cref="ComplaintSubjects"/>), whose other party the gateway found to be <paramref name="OtherPartyId"/>, a seller
/// of it when <paramref name="AgainstSeller"/> (then an admin who upholds the complaint may take the seller's points).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.complaints.NewComplaint")]
public sealed record NewComplaint(
    [property: Id(0)] Guid ComplainantId,
    [property: Id(1)] string Subject,
    [property: Id(2)] Guid SubjectId,
    [property: Id(3)] Guid OtherPartyId,
    [property: Id(4)] string Reason,
    [property: Id(5)] Guid? ConversationId,
    [property: Id(6)] bool AgainstSeller);
