using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Reviews;

namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>A buyer's review of <see cref="ProductId"/> bought in <see cref="OrderId"/>: 1 to 5 stars and what they think.</summary>
public sealed record CreateReviewRequest(Guid? OrderId, Guid? ProductId, int? Rating, string? Text)
{
    public DomainError? Check() =>
        Validation.First(
            OrderId is null || OrderId == Guid.Empty ? DomainError.Invalid("orderId", "is required") : null,
            ProductId is null || ProductId == Guid.Empty ? DomainError.Invalid("productId", "is required") : null,
            RatingRules.Required(Rating),
            Validation.Required(Text, "text", Ratings.MaxTextLength));

    public NewReview ToCommand(Guid authorId) => new(OrderId!.Value, ProductId!.Value, authorId, Rating!.Value, Text!.Trim());
}
