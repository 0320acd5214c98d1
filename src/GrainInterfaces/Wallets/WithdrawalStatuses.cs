namespace GrainMarket.Wallets;

public static class WithdrawalStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Pending, Approved, Rejected];
}
