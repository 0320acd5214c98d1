using GrainMarket.Common;

namespace GrainMarket.Reviews;

/// <summary>The rating scale of reviews and feedback: whole stars from <see cref="Min"/> to <see cref="Max"/>.</summary>
public static class Ratings
{
    public const int Min = 1;
    public const int Max = 5;

    /// <summary>The longest review or feedback text, in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Null when <paramref name="stars"/> is on the scale (or not given); otherwise the validation error naming <c>rating</c>.</summary>
    public static DomainError? Check(int? stars) =>
        stars is null or (>= Min and <= Max) ? null : DomainError.Invalid("rating", $"must be between {Min} and {Max}");
}
