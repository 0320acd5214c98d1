using System.Globalization;

namespace GrainMarket.Runtime.Storage;

/// <summary>Grain storages expose a row's version as its etag: the invariant decimal text of the version number.</summary>
internal static class Etags
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static long? Parse(string? etag, string storageName)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ArgumentException($"'{etag}' is not an etag issued by {storageName}.", nameof(etag));
    }
}
