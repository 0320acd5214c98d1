namespace GrainMarket.Complaints;

/// <summary>A complaint's life: open → in review (an admin took it) → resolved or rejected (the admin's decision, with a note).</summary>
public static class ComplaintStatuses
{
    public const string Open = "open";
    public const string InReview = "in-review";
    public const string Resolved = "resolved";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Open, InReview, Resolved, Rejected];

    /// <summary>Whether a complaint in <paramref name="status"/> still takes a response or a conversation.</summary>
    public static bool IsOpen(string status) => status is Open or InReview;
}
