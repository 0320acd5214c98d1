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
    public string Describe(GrainId target) => $"{string.Join(" → ", ToIds())} → {target}";

    /// <summary>The grain ids from the origin of the chain to its newest link, as they travel between silos.</summary>
    public List<string> ToIds()
    {
        var ids = new List<string>();
        for (var node = this; node is not null; node = node.Parent)
        {
            ids.Add(node.GrainId.ToString());
        }

        ids.Reverse();
        return ids;
    }

    /// <summary>Rebuilds a chain sent by <see cref="ToIds"/>.</summary>
    public static CallChain? FromIds(IReadOnlyList<string>? ids)
    {
        CallChain? chain = null;
        foreach (var id in ids ?? [])
        {
            chain = new CallChain(GrainId.Parse(id), chain);
        }

        return chain;
    }
}
