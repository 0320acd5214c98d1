namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>A list or search was asked of a gateway that has no database (the --in-memory mode).</summary>
public sealed class ReadModelUnavailableException() : InvalidOperationException("Lists and search need PostgreSQL; this instance runs in memory.");
