using System.Text;

namespace GrainMarket.Runtime.Core;

/// <summary>The grains a request is (transitively) being awaited by, newest first; used to detect call-cycle deadlocks.</summary>
internal sealed class CallChain(GrainId grainId, CallChain? parent)
{
    public GrainId GrainId { get; } = grainId;

    public CallChain? Parent { get; } = parent;

    public bool Contains(GrainId grainId)
    {
        for (var node = this; node is not null; node = node.Parent)
        {
            if (node.GrainId == grainId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"a/1 → b/2 → a/1": the chain from its origin, then <paramref name="target"/>.</summary>
    public string Describe(GrainId target)
    {
        var ids = new List<GrainId>();
        for (var node = this; node is not null; node = node.Parent)
        {
            ids.Add(node.GrainId);
        }

        ids.Reverse();
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            text.Append(id).Append(" → ");
        }

        return text.Append(target).ToString();
    }
}
