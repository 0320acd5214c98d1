namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// Highest-random-weight placement: a grain lives on the active silo whose hash of (grain id, silo id) is highest,
/// so a membership change moves only the grains of the silo that joined or left.
/// </summary>
public static class RendezvousPlacement
{
    public static SiloInfo? Choose(GrainId grainId, IReadOnlyList<SiloInfo> activeSilos)
    {
        ArgumentNullException.ThrowIfNull(activeSilos);
        SiloInfo? best = null;
        ulong bestScore = 0;
        var grainHash = Hash(grainId.Type, Hash(grainId.Key, 14695981039346656037UL));
        foreach (var silo in activeSilos)
        {
            var score = Mix(Hash(silo.SiloId, grainHash));
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(silo.SiloId, best.SiloId) > 0))
            {
                best = silo;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and .NET versions, unlike string.GetHashCode.</summary>
    private static ulong Hash(string text, ulong seed)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A 64-bit finalizer (murmur3's), so that close inputs spread over the whole range.</summary>
    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53UL;
        value ^= value >> 33;
        return value;
    }
}
