using GrainMarket.Mail;
using GrainMarket.Wallets;

namespace GrainMarket.Notifications;

/// <summary>What a withdrawal's new status tells its wallet's owner: an in-app notification and the status e-mail.</summary>
public static class WithdrawalNotices
{
    public static EventNotice For(MailBrand brand, Guid userId, Guid withdrawalId, long amount, string status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var (kind, title, body) = status switch
        {
            WithdrawalStatuses.Approved => (NotificationTypes.WithdrawalApproved, "Withdrawal approved", $"Your withdrawal of {brand.Money(amount)} was approved and paid out."),
            WithdrawalStatuses.Rejected => (NotificationTypes.WithdrawalRejected, "Withdrawal rejected", $"Your withdrawal of {brand.Money(amount)} was rejected; the money is in your wallet again."),
            _ => (NotificationTypes.WithdrawalRequested, "Withdrawal requested", $"Your withdrawal of {brand.Money(amount)} waits for an admin's review."),
        };
        return new EventNotice(userId, new Notification($"withdrawal:{withdrawalId:N}:{status}", kind, title, body, "/api/wallet", at), [WithdrawalMails.Status(brand, amount, status)]);
    }
}
