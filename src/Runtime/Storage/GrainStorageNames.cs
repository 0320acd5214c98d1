namespace GrainMarket.Runtime.Storage;

/// <summary>Names of grain storage providers.</summary>
public static class GrainStorageNames
{
    /// <summary>The storage used by <c>[PersistentState]</c> when it names none.</summary>
    public const string Default = "Default";
}
