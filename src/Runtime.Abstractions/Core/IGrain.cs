namespace GrainMarket.Runtime;

/// <summary>Marker for a grain interface. Use one of the keyed variants.</summary>
public interface IGrain;
