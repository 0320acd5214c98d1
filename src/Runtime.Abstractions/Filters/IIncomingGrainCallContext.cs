using System.Reflection;

namespace GrainMarket.Runtime;

/// <summary>One incoming call as seen by a filter.</summary>
public interface IIncomingGrainCallContext
{
    GrainId TargetId { get; }

    object Grain { get; }

    /// <summary>The interface method being called.</summary>
    MethodInfo InterfaceMethod { get; }

    /// <summary>"IInterface.Method", for logs and statistics.</summary>
    string MethodName { get; }

    IReadOnlyList<object?> Arguments { get; }

    /// <summary>The result, available after <see cref="Invoke"/>; filters may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Calls the next filter, or the grain method itself.</summary>
    Task Invoke();
}
