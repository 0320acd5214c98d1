using GrainMarket.ApiGateway.Http;
using GrainMarket.Payments;
using Orleans;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Creates a payment at its provider and records it at once with its payment grain (pending, with what it is for and
/// until when it is verified), so that <see cref="PaymentVerifier"/> asks the provider about it should its webhook never
/// come. Both steps are idempotent: a retry with the same key finds the same provider payment and opens it again.
/// </summary>
public sealed class PaymentOpener(IGrainFactory grains, PaymentVerificationSettings settings, TimeProvider time)
{
    /// <summary>Creates the payment for <paramref name="request"/>; verified until <paramref name="verifyUntil"/> (an order's payment deadline), or the top-up window.</summary>
    public async Task<ProviderPayment> CreateAsync(IPaymentProvider provider, PaymentRequest request, DateTimeOffset? verifyUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        var created = await provider.CreatePaymentAsync(request, cancellationToken);
        var opening = new PaymentOpening(provider.Name, created.PaymentId, request.Purpose, request.UserId, request.OrderId, request.Amount, verifyUntil ?? time.GetUtcNow() + settings.TopupWindow);
        await TransactionRetry.RunAsync(() => grains.GetGrain<IPaymentGrain>(PaymentKeys.For(provider.Name, created.PaymentId)).OpenAsync(opening), cancellationToken);
        return created;
    }
}
