using GrainMarket.Payments;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// The port to a payment provider (docs/payments.md): create a payment for an amount under an idempotency key (a
/// repeat with the key answers the first payment and charges nothing twice), refund all or part of one, and verify a
/// webhook before reading it, translating it into provider-neutral <see cref="PaymentEvent"/>s with the provider's
/// event ids. Calls that time out are retried with the same key; a refusal or an unreachable provider throws
/// <see cref="PaymentProviderException"/>.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The provider's name in the API (<c>/api/payments/webhooks/{name}</c>, <c>GET /api/payments/providers</c>).</summary>
    string Name { get; }

    /// <summary>The checkout payment methods it serves (<c>card</c>).</summary>
    IReadOnlyList<string> Methods { get; }

    Task<ProviderPayment> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken);

    Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies <paramref name="body"/> (the raw request body, unread until now) against the provider's signature in
    /// <paramref name="headers"/> at <paramref name="now"/>, then translates it. A refusal says why, and reads nothing.
    /// </summary>
    WebhookReading ReadWebhook(IHeaderDictionary headers, string body, DateTimeOffset now);

    /// <summary>
    /// As <see cref="ReadWebhook(IHeaderDictionary, string, DateTimeOffset)"/>, for a provider whose proof is in the
    /// callback's <paramref name="address"/> rather than a signature header (M-Pesa).
    /// </summary>
    WebhookReading ReadWebhook(IHeaderDictionary headers, WebhookAddress address, string body, DateTimeOffset now) => ReadWebhook(headers, body, now);

    /// <summary>
    /// Asks the provider where payment <paramref name="paymentId"/> stands, for the background verification of a payment
    /// whose webhook has not come: the events its status implies (none while it is still open), each with an event id of
    /// its own (<c>verify:{paymentId}:{kind}</c>). The payment grain's state machine makes a verified success and the
    /// webhook's count once, whichever comes first.
    /// </summary>
    Task<IReadOnlyList<PaymentEvent>> VerifyAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>
    /// The amounts it can charge are whole multiples of this many minor units (M-Pesa: whole shillings, 100); an amount
    /// that is not is refused before anything is created.
    /// </summary>
    long AmountStep => 1;

    /// <summary>
    /// For a provider whose webhooks are not signed (M-Pesa): asks the provider about each of a webhook's
    /// <see cref="WebhookReading.Unconfirmed"/> events and returns those it confirms, to be applied; the rest count for nothing.
    /// </summary>
    Task<IReadOnlyList<PaymentEvent>> ConfirmAsync(IReadOnlyList<PaymentEvent> unconfirmed, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PaymentEvent>>([]);
}
