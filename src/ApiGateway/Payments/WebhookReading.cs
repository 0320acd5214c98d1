using GrainMarket.Payments;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// A webhook as read: <see cref="Refusal"/> says why it was not trusted (nothing in it was read) and <see cref="Field"/>
/// names what failed the check (the signature header, or the token in the callback's address), otherwise
/// <see cref="Events"/> are what it reports (none for an event type GrainMarket does not use: acknowledged and ignored),
/// and <see cref="Accounts"/> what it reports of sellers' connected payout accounts (Stripe's <c>account.updated</c>).
/// </summary>
public sealed record WebhookReading(string? Refusal, IReadOnlyList<PaymentEvent> Events, string? Field = null, IReadOnlyList<PayoutAccountUpdate>? Accounts = null)
{
    public static WebhookReading Refused(string field, string why) => new(why, [], field);
}
