namespace GrainMarket.Runtime.Hosting;

/// <summary>Where the SQL migrations applied at start-up live.</summary>
internal sealed record MigrationSettings(string Folder);
