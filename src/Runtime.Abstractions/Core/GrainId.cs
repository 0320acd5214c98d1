using System.Globalization;

namespace GrainMarket.Runtime;

/// <summary>
/// The identity of a grain: its grain type (the implementation's type name, e.g. <c>wallet</c>) and its key
/// in canonical string form. Guid keys are stored as "N" format, integer keys as invariant decimal.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public static GrainId Create(string type, string key) => new(type, key);

    public static GrainId Create(string type, Guid key) => new(type, key.ToString("N"));

    public static GrainId Create(string type, long key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => $"{Type}/{Key}";
}
