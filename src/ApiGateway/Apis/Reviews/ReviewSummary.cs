namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>A visible review in a product's list: its stars, text, helpful votes and author.</summary>
public sealed record ReviewSummary(Guid Id, Guid OrderId, Guid AuthorId, int Rating, string Text, int Helpful, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);
