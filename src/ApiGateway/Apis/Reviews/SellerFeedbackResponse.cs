namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>A buyer's feedback on a seller for one order.</summary>
public sealed record SellerFeedbackResponse(Guid Id, Guid OrderId, Guid SellerId, int Rating, string Text, DateTimeOffset CreatedAt);
