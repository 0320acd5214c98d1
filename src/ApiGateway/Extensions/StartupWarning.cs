namespace GrainMarket.ApiGateway.Extensions;

/// <summary>A warning about how this process is configured, logged once at start by <see cref="StartupWarnings"/>.</summary>
public sealed record StartupWarning(string Text);
