namespace GrainMarket.Brands;

/// <summary>How a brand's name is written (<see cref="Tidy"/>) and compared (<see cref="Key"/>).</summary>
public static class BrandNames
{
    /// <summary>The name trimmed, every run of whitespace in it one space.</summary>
    public static string Tidy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The name as uniqueness compares it, tidied and lower-cased invariantly: the key of the <see cref="IBrandNameGrain"/> that guards it.</summary>
    public static string Key(string name) => Tidy(name).ToLowerInvariant();
}
