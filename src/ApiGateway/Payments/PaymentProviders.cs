namespace GrainMarket.ApiGateway.Payments;

/// <summary>The payment providers offered: those whose keys are configured.</summary>
public sealed class PaymentProviders(IEnumerable<IPaymentProvider> providers)
{
    public IReadOnlyList<IPaymentProvider> All { get; } = [.. providers];

    public IPaymentProvider? Find(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>The provider that serves <paramref name="method"/> (the first configured), or null when none does.</summary>
    public IPaymentProvider? For(string method) => All.FirstOrDefault(p => p.Methods.Contains(method, StringComparer.Ordinal));
}
