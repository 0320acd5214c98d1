using GrainMarket.Wallets;

namespace GrainMarket.ApiGateway.Apis.Wallets;

public sealed record WithdrawalResponse(Guid Id, string Status, long Amount, string Currency, string UserId, DateTimeOffset RequestedAt, DateTimeOffset? ResolvedAt)
{
    public static WithdrawalResponse From(WithdrawalView view, string currency)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.Status, view.Amount, currency, view.WalletId, view.RequestedAt, view.ResolvedAt);
    }
}
