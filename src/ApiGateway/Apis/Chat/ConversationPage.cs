namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>A page of the caller's conversations, the latest message first; <see cref="Next"/> is the cursor of the next page.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationItem> Items, string? Next);
