namespace GrainMarket.Wallets;

/// <summary>A hold is pending until it resolves, exactly once, into one of the other statuses.</summary>
public static class HoldStatuses
{
    public const string Pending = "pending";
    public const string Captured = "captured";
    public const string Released = "released";
    public const string Expired = "expired";
}
