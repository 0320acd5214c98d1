namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// The port to a provider that pays sellers out (Stripe Connect, docs/payments.md): a connected account per seller,
/// the provider's onboarding link for it, and transfers of settled shares to it. Every creating call carries an
/// idempotency key, so a retry creates nothing twice; a refusal or an unreachable provider throws
/// <see cref="PaymentProviderException"/>.
/// </summary>
public interface IPayoutProvider
{
    string Name { get; }

    /// <summary>Creates the seller's connected account (once per seller: the key derives from the seller) and returns its id.</summary>
    Task<string> CreateAccountAsync(Guid sellerId, CancellationToken cancellationToken);

    /// <summary>A fresh onboarding link for <paramref name="accountId"/>: the provider sends the seller back to <paramref name="returnUrl"/>, or to <paramref name="refreshUrl"/> when the link has expired.</summary>
    Task<Uri> CreateOnboardingLinkAsync(string accountId, Uri refreshUrl, Uri returnUrl, CancellationToken cancellationToken);

    /// <summary>Transfers a settled share to a connected account under the transfer's key; returns the provider's transfer id.</summary>
    Task<string> TransferAsync(PayoutTransferRequest request, CancellationToken cancellationToken);
}
