namespace GrainMarket.ApiGateway.Payments;

/// <summary>The payout providers configured (Stripe Connect when Stripe's keys are): sellers link an account at <see cref="Default"/>.</summary>
public sealed class PayoutProviders(IEnumerable<IPayoutProvider> providers)
{
    public IReadOnlyList<IPayoutProvider> All { get; } = [.. providers];

    public IPayoutProvider? Default => All.Count > 0 ? All[0] : null;

    public IPayoutProvider? Find(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
