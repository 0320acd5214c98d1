namespace GrainMarket.Runtime.Statistics;

/// <summary>Statistics of one grain method at one moment; latencies in milliseconds.</summary>
public sealed record MethodSnapshot(string Method, long Calls, long Errors, double P50Ms, double P99Ms);
