namespace GrainMarket.Mail;

/// <summary>
/// What every e-mail says about the marketplace: its name (<c>GRAINMARKET_MARKETPLACE_NAME</c>), the public address its
/// links start with (<c>GRAINMARKET_PUBLIC_URL</c>) and the currency its amounts are in (<c>GRAINMARKET_CURRENCY</c>).
/// </summary>
public sealed record MailBrand(string MarketplaceName, Uri PublicUrl, string Currency)
{
    public static MailBrand Default { get; } = new("GrainMarket", new Uri("http://127.0.0.1:8080/"), "USD");

    /// <summary>An absolute link to <paramref name="relative"/> (a path and query, without a leading slash) under <see cref="PublicUrl"/>.</summary>
    public string Link(string relative) => new Uri(PublicUrl, relative).ToString();

    /// <summary>An amount of minor units as the e-mails write it: <c>USD 12.34</c> (two decimals, as the API's amounts are cents).</summary>
    public string Money(long minorUnits) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Currency} {minorUnits / 100}.{Math.Abs(minorUnits % 100):00}");
}
