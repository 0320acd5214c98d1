using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Reviews;

namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>The author's change of their review; a field left out stays as it is.</summary>
public sealed record UpdateReviewRequest(int? Rating = null, string? Text = null)
{
    public DomainError? Check() =>
        Validation.First(
            Rating is null && Text is null ? DomainError.Invalid("rating", "or text is required") : null,
            RatingRules.Optional(Rating),
            Text is null ? null : Validation.Required(Text, "text", Ratings.MaxTextLength));

    public ReviewEdit ToEdit() => new(Rating, Text?.Trim());
}
