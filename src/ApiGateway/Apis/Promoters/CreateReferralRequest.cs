namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>A new referral code: <see cref="Code"/> of the promoter's choosing (a random one when left out), for one product or store-wide (<see cref="ProductId"/> left out).</summary>
public sealed record CreateReferralRequest(string? Code = null, Guid? ProductId = null);
