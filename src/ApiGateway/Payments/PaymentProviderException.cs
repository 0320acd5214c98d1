namespace GrainMarket.ApiGateway.Payments;

/// <summary>A payment provider refused a call or could not be reached after its retries.</summary>
public sealed class PaymentProviderException : Exception
{
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
