namespace GrainMarket.Runtime;

/// <summary>Where a grain reference sends its calls: the silo's runtime, or a cluster client.</summary>
internal interface IGrainCallInvoker
{
    Task<T> InvokeAsync<T>(GrainReferenceShared shared, GrainId target, int methodIndex, object?[] arguments);
}
