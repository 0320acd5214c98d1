using GrainMarket.Payments;

namespace GrainMarket.ApiGateway.Apis.Payouts;

/// <summary>
/// A seller's connected payout account: what the provider last reported of it, whether settlement pays them by transfer
/// (<see cref="CanReceiveTransfers"/>), and a fresh <see cref="OnboardingUrl"/> when they asked for one.
/// </summary>
public sealed record PayoutAccountResponse(
    string AccountId, string Provider, bool PayoutsEnabled, bool ChargesEnabled, bool TransfersActive, bool DetailsSubmitted, bool CanReceiveTransfers, DateTimeOffset? StatusAt, Uri? OnboardingUrl)
{
    public static PayoutAccountResponse From(PayoutAccountView view, Uri? onboardingUrl = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.AccountId, view.Provider, view.PayoutsEnabled, view.ChargesEnabled, view.TransfersActive, view.DetailsSubmitted, view.CanReceiveTransfers, view.StatusAt, onboardingUrl);
    }
}
