namespace GrainMarket.Brands;

/// <summary>
/// One brand name's claim (key: <see cref="BrandNames.Key"/> of the name), in transactional state so that a brand and
/// its name are claimed, and a rejected brand's name freed, in the brand's own transaction.
/// </summary>
[Alias("gm.brand-name")]
public interface IBrandNameGrain : IGrainWithStringKey
{
    /// <summary>Claims the name for <paramref name="brandId"/>; returns the brand that holds it (another one when it is taken).</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("claim")]
    Task<Guid> ClaimAsync(Guid brandId);

    /// <summary>Frees the name if <paramref name="brandId"/> holds it.</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("release")]
    Task ReleaseAsync(Guid brandId);
}
