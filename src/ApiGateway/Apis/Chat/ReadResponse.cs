namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>How far the caller has read the conversation now (a read mark never moves back).</summary>
public sealed record ReadResponse(Guid ConversationId, long LastRead);
