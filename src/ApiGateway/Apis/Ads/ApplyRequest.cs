using GrainMarket.Ads;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Wallets;

namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>An advertiser's application: their pitch and the amount they propose to be paid.</summary>
public sealed record ApplyRequest(string? Pitch, long? ProposedAmount)
{
    public DomainError? Check() =>
        Validation.First(
            Validation.Required(Pitch, "pitch", IAdOpportunityGrain.MaxTextLength),
            Validation.Positive(ProposedAmount, "proposedAmount") ?? Validation.AtMost(ProposedAmount, "proposedAmount", WalletKeys.MaxAmount));
}
