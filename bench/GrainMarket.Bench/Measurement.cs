namespace GrainMarket.Bench;

/// <summary>
/// Operations per second and latency percentiles in milliseconds, and the CPU time this process spent per operation
/// in the measured phase (microseconds, all threads): on a machine shared with other work it moves less with that work
/// than the rate does, so it tells a change to the in-process silo apart from the noise.
/// </summary>
internal sealed record Measurement(double PerSecond, double P50Ms, double P99Ms, double CpuUsPerOperation = 0);
