using GrainMarket.Payments;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// A webhook as read: <see cref="Refusal"/> says why it was not trusted (nothing in it was read) and <see cref="Field"/>
/// names what failed the check (the signature header, or the token in the callback's address), otherwise
/// <see cref="Events"/> are what it reports (none for an event type GrainMarket does not use: acknowledged and ignored),
/// and <see cref="Accounts"/> what it reports of sellers' connected payout accounts (Stripe's <c>account.updated</c>).
/// <see cref="Unconfirmed"/> are events the webhook reports but cannot prove (an unsigned M-Pesa success): they count
/// only for what <see cref="IPaymentProvider.ConfirmAsync"/> confirms.
/// </summary>
public sealed record WebhookReading(string? Refusal, IReadOnlyList<PaymentEvent> Events, string? Field = null, IReadOnlyList<PayoutAccountUpdate>? Accounts = null)
{
    public IReadOnlyList<PaymentEvent> Unconfirmed { get; init; } = [];

    public static WebhookReading Refused(string field, string why) => new(why, [], field);
}
