using System.Reflection;
using GrainMarket.Runtime.Statistics;

namespace GrainMarket.Runtime.Metadata;

/// <summary>
/// One method of a grain interface as the runtime sees it: how to invoke it on an activation, how it may
/// interleave, and where its statistics go.
/// </summary>
internal sealed class GrainMethodDescriptor
{
    public required int Index { get; init; }

    public required MethodInfo InterfaceMethod { get; init; }

    /// <summary>"IInterface.Method".</summary>
    public required string Name { get; init; }

    public required bool IsReadOnly { get; init; }

    public required bool AlwaysInterleave { get; init; }

    /// <summary>How the method takes part in transactions (<see cref="TransactionOption.Suppress"/> without the attribute).</summary>
    public required TransactionOption Transaction { get; init; }

    /// <summary>The type of the awaited result, or null for <see cref="Task"/> and <see cref="ValueTask"/>.</summary>
    public required Type? ResultType { get; init; }

    /// <summary>Calls the method on a grain instance; value tasks are converted to tasks.</summary>
    public required Func<object, object?[], Task> Invoker { get; init; }

    /// <summary>Reads the result of a completed task returned by <see cref="Invoker"/> (null for void methods).</summary>
    public required Func<Task, object?> ResultReader { get; init; }

    /// <summary>Calls, errors and latency of this method, for the grain class that implements it.</summary>
    public MethodStatistics? Statistics { get; set; }
}
