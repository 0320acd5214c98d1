namespace GrainMarket.ApiGateway.Http;

/// <summary>Where the silo serves the Orleans Dashboard: <c>GRAINMARKET_DASHBOARD_PATH</c>, <see cref="DefaultPath"/> by default.</summary>
public static class DashboardSettings
{
    public const string DefaultPath = "/dashboard";

    /// <summary>The configured path: one or more segments, starting with '/' and not ending with one, and never under <c>/api</c>.</summary>
    public static string PathOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration["GRAINMARKET_DASHBOARD_PATH"] is { Length: > 0 } configured ? configured : DefaultPath;
        if (!path.StartsWith('/') || path.EndsWith('/') || path.Contains("//", StringComparison.Ordinal) || new PathString(path).StartsWithSegments("/api"))
        {
            throw new InvalidOperationException($"GRAINMARKET_DASHBOARD_PATH '{path}' must be a path such as /dashboard or /ops/dashboard: starting with '/', not ending with one, and not under /api.");
        }

        return path;
    }
}
