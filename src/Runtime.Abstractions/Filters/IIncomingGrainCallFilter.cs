namespace GrainMarket.Runtime;

/// <summary>Runs around every incoming grain call on this silo, in registration order.</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IIncomingGrainCallContext context);
}
