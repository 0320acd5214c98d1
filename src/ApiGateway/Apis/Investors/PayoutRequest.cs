using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Investors;
using GrainMarket.Wallets;

namespace GrainMarket.ApiGateway.Apis.Investors;

/// <summary>A payout to an investor from the platform's wallet, with a note.</summary>
public sealed record PayoutRequest(long? Amount, string? Note = null)
{
    public DomainError? Check() =>
        Validation.First(
            Validation.Positive(Amount, "amount") ?? Validation.AtMost(Amount, "amount", WalletKeys.MaxAmount),
            Validation.Optional(Note, "note", IInvestorGrain.MaxNoteLength));
}
