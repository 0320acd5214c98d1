namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>An admin's note on rejecting a complaint; both parties read it.</summary>
public sealed record ComplaintNoteRequest(string? Note);
