namespace GrainMarket.Reviews;

/// <summary>The rating scale of reviews and feedback: whole stars from <see cref="Min"/> to <see cref="Max"/>.</summary>
public static class Ratings
{
    public const int Min = 1;
    public const int Max = 5;

    /// <summary>The longest review or feedback text, in characters.</summary>
    public const int MaxTextLength = 4000;

    public static bool IsValid(int stars) => stars is >= Min and <= Max;
}
