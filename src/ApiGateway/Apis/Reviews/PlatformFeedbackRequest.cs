using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Reviews;

namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>What a user thinks of GrainMarket itself: 1 to 5 stars and a text.</summary>
public sealed record PlatformFeedbackRequest(int? Rating, string? Text)
{
    public DomainError? Check() => Validation.First(RatingRules.Required(Rating), Validation.Required(Text, "text", Ratings.MaxTextLength));
}
