namespace GrainMarket.Runtime.Core;

/// <summary>The work item whose turn the current asynchronous flow belongs to, if any.</summary>
internal static class RuntimeContext
{
    private static readonly AsyncLocal<WorkItem?> CurrentItem = new();

    public static WorkItem? Current
    {
        get => CurrentItem.Value;
        set => CurrentItem.Value = value;
    }
}
