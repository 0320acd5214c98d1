namespace GrainMarket.Mail;

/// <summary>The kinds of e-mail the marketplace sends: the <c>kind</c> column of <c>email_outbox</c>.</summary>
public static class MailKinds
{
    public const string Welcome = "welcome";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string OrderConfirmation = "order-confirmation";
    public const string PaymentReceipt = "payment-receipt";
    public const string NewOrder = "new-order";
    public const string AuctionWon = "auction-won";
    public const string ShippingUpdate = "shipping-update";
    public const string Delivered = "delivered";
    public const string FeedbackRequest = "feedback-request";
    public const string OrderCancelled = "order-cancelled";
    public const string WithdrawalStatus = "withdrawal-status";
}
