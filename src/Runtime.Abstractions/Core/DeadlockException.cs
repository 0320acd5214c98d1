namespace GrainMarket.Runtime;

/// <summary>A call would wait on a non-reentrant grain that is itself waiting on this call chain.</summary>
public sealed class DeadlockException : Exception
{
    public DeadlockException()
    {
    }

    public DeadlockException(string message) : base(message)
    {
    }

    public DeadlockException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
