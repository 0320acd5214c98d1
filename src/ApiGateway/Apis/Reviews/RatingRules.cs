using GrainMarket.Common;
using GrainMarket.Reviews;

namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>The checks every rating in a request passes: whole stars from <see cref="Ratings.Min"/> to <see cref="Ratings.Max"/>.</summary>
public static class RatingRules
{
    public static DomainError? Required(int? rating) =>
        rating is null ? DomainError.Invalid("rating", "is required") : Optional(rating);

    public static DomainError? Optional(int? rating) => Ratings.Check(rating);
}
