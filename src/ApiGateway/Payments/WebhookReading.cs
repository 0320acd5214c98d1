using GrainMarket.Payments;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// A webhook as read: <see cref="Refusal"/> says why it was not trusted (nothing in it was read), otherwise
/// <see cref="Events"/> are what it reports (none for an event type GrainMarket does not use: acknowledged and ignored).
/// </summary>
public sealed record WebhookReading(string? Refusal, IReadOnlyList<PaymentEvent> Events)
{
    public static WebhookReading Refused(string why) => new(why, []);
}
