namespace GrainMarket.Brands;

/// <summary>A brand name's claim: the first brand to claim it holds it until that brand is rejected.</summary>
[GrainType("brand-name")]
public sealed class BrandNameGrain([TransactionalState("claim")] ITransactionalState<BrandNameState> claim) : Grain, IBrandNameGrain
{
    Task<Guid> IBrandNameGrain.ClaimAsync(Guid brandId) =>
        claim.PerformUpdate(s =>
        {
            if (s.BrandId == Guid.Empty)
            {
                s.BrandId = brandId;
            }

            return s.BrandId;
        });

    Task IBrandNameGrain.ReleaseAsync(Guid brandId) =>
        claim.PerformUpdate(s =>
        {
            if (s.BrandId == brandId)
            {
                s.BrandId = Guid.Empty;
            }
        });
}
