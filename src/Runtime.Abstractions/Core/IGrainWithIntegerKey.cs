namespace GrainMarket.Runtime;

/// <summary>A grain whose identity is a 64-bit integer.</summary>
public interface IGrainWithIntegerKey : IGrain;
