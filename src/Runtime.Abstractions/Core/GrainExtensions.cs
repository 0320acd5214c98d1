using System.Globalization;

namespace GrainMarket.Runtime;

/// <summary>Orleans-style access to a grain's own key.</summary>
public static class GrainExtensions
{
    public static string GetPrimaryKeyString(this Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainId.Key;
    }

    public static Guid GetPrimaryKey(this Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return Guid.ParseExact(grain.GrainId.Key, "N");
    }

    public static long GetPrimaryKeyLong(this Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return long.Parse(grain.GrainId.Key, CultureInfo.InvariantCulture);
    }
}
