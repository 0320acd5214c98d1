namespace GrainMarket.Runtime.Core;

/// <summary>The silo is shutting down and takes no new activations; the call may be retried elsewhere.</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException()
    {
    }

    public SiloUnavailableException(string message) : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
