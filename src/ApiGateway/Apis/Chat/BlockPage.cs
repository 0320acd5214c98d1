using GrainMarket.Messaging;

namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>A page of the users the caller has blocked, newest first; <see cref="Next"/> is the cursor of the next page.</summary>
public sealed record BlockPage(IReadOnlyList<BlockView> Items, string? Next);
