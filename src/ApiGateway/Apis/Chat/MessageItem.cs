namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>A message of a conversation's history.</summary>
public sealed record MessageItem(long Sequence, Guid SenderId, string ClientId, string Text, DateTimeOffset At);
