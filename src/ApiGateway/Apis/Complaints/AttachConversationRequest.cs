namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>The conversation of the complainant with the other party to attach to a complaint.</summary>
public sealed record AttachConversationRequest(Guid? ConversationId);
