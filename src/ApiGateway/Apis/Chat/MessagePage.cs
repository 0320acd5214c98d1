namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>A page of a conversation's messages, newest first; <see cref="Next"/> (a sequence) is the cursor of older ones.</summary>
public sealed record MessagePage(IReadOnlyList<MessageItem> Items, string? Next);
