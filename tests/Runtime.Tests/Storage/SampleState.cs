namespace GrainMarket.Runtime.Tests.Storage;

/// <summary>A grain state with the shapes that must survive a JSON round trip: text, a long beyond double precision, a list.</summary>
public sealed record SampleState(string Name, long Balance, List<string> Tags);
