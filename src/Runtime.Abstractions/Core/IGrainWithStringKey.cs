namespace GrainMarket.Runtime;

/// <summary>A grain whose identity is a string.</summary>
public interface IGrainWithStringKey : IGrain;
