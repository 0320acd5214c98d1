namespace GrainMarket.Bench;

/// <summary>Operations per second and latency percentiles in milliseconds.</summary>
internal sealed record Measurement(double PerSecond, double P50Ms, double P99Ms);
