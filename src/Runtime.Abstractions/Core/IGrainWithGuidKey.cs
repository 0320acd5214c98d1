namespace GrainMarket.Runtime;

/// <summary>A grain whose identity is a <see cref="Guid"/>.</summary>
public interface IGrainWithGuidKey : IGrain;
