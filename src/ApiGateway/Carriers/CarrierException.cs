namespace GrainMarket.ApiGateway.Carriers;

/// <summary>The carrier refused a call or could not be reached; the message says which and why, without secrets.</summary>
public sealed class CarrierException : Exception
{
    public CarrierException()
    {
    }

    public CarrierException(string message)
        : base(message)
    {
    }

    public CarrierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
