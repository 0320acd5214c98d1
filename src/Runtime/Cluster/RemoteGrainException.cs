namespace GrainMarket.Runtime.Cluster;

/// <summary>An exception from a grain on another silo whose type this process cannot recreate; it keeps the type name and message.</summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException()
    {
    }

    public RemoteGrainException(string message) : base(message)
    {
    }

    public RemoteGrainException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The full name of the exception type thrown on the other silo.</summary>
    public string? RemoteType { get; init; }
}
