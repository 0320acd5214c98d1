namespace GrainMarket.Persistence.PostgreSql;

/// <summary>A write of a silo that the membership table has declared dead was refused; nothing was written.</summary>
public sealed class SiloDeclaredDeadException(string message, Exception innerException) : Exception(message, innerException);
