using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Investors;
using GrainMarket.Wallets;

namespace GrainMarket.ApiGateway.Apis.Investors;

/// <summary>A stake to record: the amount invested, the share it bought in basis points if agreed, when it was made (now if left out), and a note.</summary>
public sealed record StakeRequest(long? Amount, int? SharesBps = null, DateTimeOffset? At = null, string? Note = null)
{
    public DomainError? Check(DateTimeOffset now) =>
        Validation.First(
            Validation.Positive(Amount, "amount") ?? Validation.AtMost(Amount, "amount", WalletKeys.MaxAmount),
            Validation.Range(SharesBps, "sharesBps", 1, 10_000),
            At > now ? DomainError.Invalid("at", "must not be in the future") : null,
            Validation.Optional(Note, "note", IInvestorGrain.MaxNoteLength));
}
