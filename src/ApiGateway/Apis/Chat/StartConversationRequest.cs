namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>Whom to talk to (<see cref="UserId"/>, or their <see cref="Username"/>) and what about.</summary>
public sealed record StartConversationRequest(Guid? UserId = null, string? Username = null, Guid? ProductId = null, Guid? OrderId = null);
