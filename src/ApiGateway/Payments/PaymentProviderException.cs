namespace GrainMarket.ApiGateway.Payments;

/// <summary>A payment provider refused a call or could not be reached after its retries.</summary>
public sealed class PaymentProviderException : Exception
{
    /// <summary>The provider answered and refused the call (it did nothing); false when it could not be reached, or its answer was lost.</summary>
    public bool Refused { get; init; }

    public PaymentProviderException()
    {
    }

    public PaymentProviderException(string message)
        : base(message)
    {
    }

    public PaymentProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
