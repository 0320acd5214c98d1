namespace GrainMarket.Runtime;

/// <summary>Hands the activation to <see cref="Grain"/>'s constructor, as Orleans does, so grain classes keep clean primary constructors.</summary>
internal static class GrainConstruction
{
    [ThreadStatic]
    private static IGrainContext? _current;

    internal static IGrainContext? Current
    {
        get => _current;
        set => _current = value;
    }
}
