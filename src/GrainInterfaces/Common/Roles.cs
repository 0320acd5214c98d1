namespace GrainMarket.Common;

/// <summary>The roles an account may hold; its <em>active</em> role decides its permissions (admin is always admin).</summary>
public static class Roles
{
    public const string Buyer = "buyer";
    public const string Seller = "seller";
    public const string Courier = "courier";
    public const string Promoter = "promoter";
    public const string Investor = "investor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Buyer, Seller, Courier, Promoter, Investor, Admin];

    /// <summary>What a visitor may choose when registering; couriers, investors and admins are created by an admin.</summary>
    public static IReadOnlyList<string> SelfAssignable { get; } = [Buyer, Seller, Promoter];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
