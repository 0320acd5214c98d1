using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Wallets;

namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>
/// Seeded random sequences of credits, holds (some with deadlines), captures (partial, into other wallets and a fee
/// wallet), releases, expiries, repeated resolutions and withdrawals over wallets of the test's own. After every step
/// the books of those wallets balance exactly and no balance is negative; at the end every balance, read-model row and
/// ledger entry matches a model computed independently of the grains.
/// </summary>
public sealed class LedgerPropertyTests(MarketplaceFactory factory)
{
    private const int Steps = 150;
    private const int UserWallets = 3;
    private static readonly TimeSpan ExpiryWait = TimeSpan.FromSeconds(30);

    /// <summary>Every kind of step the sequences must have taken at least once.</summary>
    private static readonly string[] Kinds =
        ["credit", "credit-repeat", "hold", "hold-refused", "capture", "release", "resolve-again", "withdrawal", "withdrawal-refused", "approve", "reject", "expired"];

    private readonly WalletHarness _wallets = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_money_movements_conserve_the_books_never_overdraw_and_resolve_each_hold_once(int seed)
    {
        var random = new Random(seed);
        var users = Enumerable.Range(0, UserWallets).Select(_ => new ModelWallet(WalletHarness.NewKey())).ToArray();
        var fees = new ModelWallet(WalletHarness.NewKey());
        ModelWallet[] all = [.. users, fees];
        var holds = new List<ModelHold>();
        var credits = new List<(ModelWallet Wallet, string OperationId, LedgerEntry Entry)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var user in users)
        {
            await CreditAsync(user, $"fund:{user.Key}", random.Next(1_000, 5_000), credits);
        }

        for (var step = 0; step < Steps; step++)
        {
            var roll = random.Next(100);
            var user = users[random.Next(users.Length)];
            var pending = holds.Where(h => h.IsPending && h.WithdrawalId is null).ToList();
            var resolved = holds.Where(h => !h.IsPending && h.WithdrawalId is null).ToList();
            var withdrawals = holds.Where(h => h.IsPending && h.WithdrawalId is not null).ToList();
            string operation;
            if (roll < 12)
            {
                operation = await CreditOrRepeatAsync(random, user, step, credits);
            }
            else if (roll < 40)
            {
                operation = await HoldAsync(random, user, step, holds);
            }
            else if (roll < 58 && pending.Count > 0)
            {
                operation = await CaptureAsync(random, pending[random.Next(pending.Count)], users, fees);
            }
            else if (roll < 68 && pending.Count > 0)
            {
                operation = await ReleaseAsync(pending[random.Next(pending.Count)]);
            }
            else if (roll < 76 && resolved.Count > 0)
            {
                operation = await ResolveAgainAsync(random, resolved[random.Next(resolved.Count)], users);
            }
            else if (roll < 88)
            {
                operation = await RequestWithdrawalAsync(random, user, holds);
            }
            else if (roll < 97 && withdrawals.Count > 0)
            {
                operation = await ResolveWithdrawalAsync(random, withdrawals[random.Next(withdrawals.Count)]);
            }
            else if (roll >= 97)
            {
                // Let time pass so that reminders expire holds between the other steps.
                await Task.Delay(random.Next(100, 400), Ct);
                operation = "pause";
            }
            else
            {
                continue;
            }

            seen[operation] = seen.GetValueOrDefault(operation) + 1;
            await CheckBooksAsync(all, holds);
        }

        // The last steps hold with a short deadline and never resolve, so every sequence sees a reminder expire a hold.
        foreach (var user in users.Where(u => u.Available > 0))
        {
            var holdId = $"last:{user.Key}";
            var deadline = DateTimeOffset.UtcNow.AddMilliseconds(300);
            await WalletHarness.RunAsync(() => _wallets.Wallet(user.Key).HoldAsync(holdId, user.Available, holdId, deadline));
            user.Held += user.Available;
            holds.Add(new ModelHold(user, holdId, user.Available, deadline));
            user.Available = 0;
        }

        foreach (var hold in holds.Where(h => h.IsPending && h.Deadline is not null))
        {
            var outcome = await WaitForResolutionAsync(hold);
            Assert.Equal(HoldStatuses.Expired, outcome.Status);
            hold.Resolve(outcome);
            seen["expired"] = seen.GetValueOrDefault("expired") + 1;
        }

        await CheckBooksAsync(all, holds);
        foreach (var wallet in all)
        {
            await CheckExactlyAsync(wallet);
        }

        // The sequence exercised every kind of movement: the seeds are fixed, and the last holds always expire.
        Assert.All(Kinds, kind => Assert.True(seen.GetValueOrDefault(kind) > 0, $"seed {seed} never did '{kind}': {string.Join(", ", seen.Select(p => $"{p.Key}={p.Value}"))}"));
    }

    private async Task<string> CreditOrRepeatAsync(Random random, ModelWallet user, int step, List<(ModelWallet Wallet, string OperationId, LedgerEntry Entry)> credits)
    {
        if (random.Next(4) == 0)
        {
            var (wallet, operationId, first) = credits[random.Next(credits.Count)];
            var repeat = await WalletHarness.RunAsync(() => _wallets.Wallet(wallet.Key).CreditAsync(operationId, LedgerEntryTypes.Topup, 1, "repeat"));
            Assert.Equal(first, repeat.Value);
            return "credit-repeat";
        }

        await CreditAsync(user, $"credit:{step}", random.Next(1, 3_000), credits);
        return "credit";
    }

    private async Task CreditAsync(ModelWallet wallet, string operationId, long amount, List<(ModelWallet Wallet, string OperationId, LedgerEntry Entry)> credits)
    {
        var credited = await WalletHarness.RunAsync(() => _wallets.Wallet(wallet.Key).CreditAsync(operationId, LedgerEntryTypes.Topup, amount, operationId));
        Assert.Equal(amount, credited.Value!.Amount);
        wallet.Available += amount;
        wallet.ExternalIn += amount;
        credits.Add((wallet, operationId, credited.Value));
    }

    private async Task<string> HoldAsync(Random random, ModelWallet user, int step, List<ModelHold> holds)
    {
        var holdId = $"hold:{step}";
        if (random.Next(5) == 0 || user.Available == 0)
        {
            // More than the wallet can have even if every hold that may have expired came back.
            var amount = user.Available + Uncertain(user, holds) + 1 + random.Next(500);
            var refused = await WalletHarness.RunAsync(() => _wallets.Wallet(user.Key).HoldAsync(holdId, amount, holdId, null));
            Assert.Equal(ErrorCodes.InsufficientFunds, refused.Error?.Code);
            Assert.InRange(refused.Error!.Figures!["available"], user.Available, user.Available + Uncertain(user, holds));
            return "hold-refused";
        }

        var held = random.Next(1, (int)Math.Min(user.Available, int.MaxValue - 1) + 1);
        DateTimeOffset? deadline = random.Next(5) < 2 ? DateTimeOffset.UtcNow.AddMilliseconds(random.Next(400, 1_500)) : null;
        var result = await WalletHarness.RunAsync(() => _wallets.Wallet(user.Key).HoldAsync(holdId, held, holdId, deadline));
        Assert.Equal(new HoldView(holdId, held, holdId, HoldStatuses.Pending, 0, deadline), result.Value);
        user.Available -= held;
        user.Held += held;
        holds.Add(new ModelHold(user, holdId, held, deadline));
        return "hold";
    }

    private async Task<string> CaptureAsync(Random random, ModelHold hold, ModelWallet[] users, ModelWallet fees)
    {
        var amount = random.Next(1, (int)hold.Amount + 1);
        var payee = users.Where(u => u != hold.Wallet).ElementAt(random.Next(users.Length - 1));
        var fee = amount / 10;
        List<Payout> payouts = [new Payout(payee.Key, LedgerEntryTypes.Payment, amount - fee)];
        if (fee > 0)
        {
            payouts.Add(new Payout(fees.Key, LedgerEntryTypes.Fee, fee));
        }

        var result = await WalletHarness.RunAsync(() => _wallets.Wallet(hold.Wallet.Key).CaptureAsync(hold.Id, amount, payouts));
        var outcome = result.Value!;
        if (outcome.Status == HoldStatuses.Expired)
        {
            Assert.True(hold.Deadline <= DateTimeOffset.UtcNow, $"hold {hold.Id} expired before its deadline");
            hold.Resolve(outcome);
            return "expired";
        }

        Assert.Equal(new HoldView(hold.Id, hold.Amount, hold.Id, HoldStatuses.Captured, amount, hold.Deadline), outcome);
        hold.Resolve(outcome);
        payee.Available += amount - fee;
        fees.Available += fee;
        return "capture";
    }

    private async Task<string> ReleaseAsync(ModelHold hold)
    {
        var result = await WalletHarness.RunAsync(() => _wallets.Wallet(hold.Wallet.Key).ReleaseAsync(hold.Id));
        var outcome = result.Value!;
        Assert.True(outcome.Status == HoldStatuses.Released || (outcome.Status == HoldStatuses.Expired && hold.Deadline <= DateTimeOffset.UtcNow), $"hold {hold.Id}: {outcome}");
        Assert.Equal(0, outcome.Captured);
        hold.Resolve(outcome);
        return outcome.Status == HoldStatuses.Expired ? "expired" : "release";
    }

    /// <summary>Any second resolution returns the first outcome, and moves nothing (the books are checked after it).</summary>
    private async Task<string> ResolveAgainAsync(Random random, ModelHold hold, ModelWallet[] users)
    {
        var wallet = _wallets.Wallet(hold.Wallet.Key);
        var payee = users.First(u => u != hold.Wallet);
        var again = random.Next(3) switch
        {
            0 => await WalletHarness.RunAsync(() => wallet.CaptureAsync(hold.Id, hold.Amount, [new Payout(payee.Key, LedgerEntryTypes.Payment, hold.Amount)])),
            1 => await WalletHarness.RunAsync(() => wallet.ReleaseAsync(hold.Id)),
            _ => await WalletHarness.RunAsync(() => wallet.WithdrawAsync(hold.Id)),
        };
        Assert.Equal(hold.Outcome, again.Value);
        return "resolve-again";
    }

    private async Task<string> RequestWithdrawalAsync(Random random, ModelWallet user, List<ModelHold> holds)
    {
        var id = Guid.NewGuid();
        var withdrawal = _wallets.Grains.GetGrain<IWithdrawalGrain>(id);
        if (random.Next(6) == 0 || user.Available == 0)
        {
            var refused = await WalletHarness.RunAsync(() => withdrawal.RequestAsync(user.Key, user.Available + Uncertain(user, holds) + 1));
            Assert.Equal(ErrorCodes.InsufficientFunds, refused.Error?.Code);
            Assert.Null(await withdrawal.GetAsync());
            return "withdrawal-refused";
        }

        var amount = random.Next(1, (int)Math.Min(user.Available, int.MaxValue - 1) + 1);
        var requested = await WalletHarness.RunAsync(() => withdrawal.RequestAsync(user.Key, amount));
        Assert.Equal((id, user.Key, (long)amount, WithdrawalStatuses.Pending), (requested.Value!.Id, requested.Value.WalletId, requested.Value.Amount, requested.Value.Status));
        user.Available -= amount;
        user.Held += amount;
        holds.Add(new ModelHold(user, WalletKeys.WithdrawalHold(id), amount, null, id));
        return "withdrawal";
    }

    private async Task<string> ResolveWithdrawalAsync(Random random, ModelHold hold)
    {
        var withdrawal = _wallets.Grains.GetGrain<IWithdrawalGrain>(hold.WithdrawalId!.Value);
        var approve = random.Next(2) == 0;
        var result = await WalletHarness.RunAsync<Result<WithdrawalView>>(approve ? withdrawal.ApproveAsync : withdrawal.RejectAsync);
        Assert.Equal(approve ? WithdrawalStatuses.Approved : WithdrawalStatuses.Rejected, result.Value?.Status);
        hold.Resolve(new HoldView(hold.Id, hold.Amount, $"withdrawal:{hold.WithdrawalId:N}", approve ? HoldStatuses.Captured : HoldStatuses.Released, approve ? hold.Amount : 0, null));
        if (approve)
        {
            hold.Wallet.ExternalOut += hold.Amount;
        }

        var twice = await WalletHarness.RunAsync<Result<WithdrawalView>>(random.Next(2) == 0 ? withdrawal.ApproveAsync : withdrawal.RejectAsync);
        Assert.Equal(ErrorCodes.WithdrawalNotPending, twice.Error?.Code);
        Assert.Equal(hold.Outcome, await _wallets.Wallet(hold.Wallet.Key).GetHoldAsync(hold.Id));
        return approve ? "approve" : "reject";
    }

    /// <summary>
    /// Balances are exact (an expiry moves money only from held to available); available is exact up to the holds that
    /// may have expired unseen. The books of the test's wallets balance in the read model, in one statement.
    /// </summary>
    private async Task CheckBooksAsync(ModelWallet[] all, List<ModelHold> holds)
    {
        foreach (var wallet in all)
        {
            var balance = await WalletHarness.RunAsync(() => _wallets.Wallet(wallet.Key).GetBalanceAsync());
            Assert.True(balance.Available >= 0 && balance.Held >= 0, $"{wallet.Key}: {balance}");
            Assert.Equal(wallet.Balance, balance.Balance);
            Assert.InRange(balance.Available, wallet.Available, wallet.Available + Uncertain(wallet, holds));
        }

        var (externalIn, externalOut, total) = await _wallets.BooksAsync([.. all.Select(w => w.Key)]);
        Assert.Equal((all.Sum(w => w.ExternalIn), all.Sum(w => w.ExternalOut)), (externalIn, externalOut));
        Assert.Equal(externalIn - externalOut, total);
    }

    /// <summary>Once nothing is uncertain: the grain, the wallet row and a replay of the ledger entries all agree with the model.</summary>
    private async Task CheckExactlyAsync(ModelWallet wallet)
    {
        Assert.Equal(new WalletBalance(wallet.Available, wallet.Held), await WalletHarness.RunAsync(() => _wallets.Wallet(wallet.Key).GetBalanceAsync()));
        Assert.Equal(new WalletRow(wallet.Available, wallet.Held, wallet.ExternalIn, wallet.ExternalOut), await _wallets.RowAsync(wallet.Key));
        var (available, held, sequence) = (0L, 0L, 0L);
        foreach (var entry in await _wallets.LedgerAsync(wallet.Key))
        {
            (available, held) = entry.Type switch
            {
                LedgerEntryTypes.Hold => (available - entry.Amount, held + entry.Amount),
                LedgerEntryTypes.Release => (available + entry.Amount, held - entry.Amount),
                LedgerEntryTypes.Capture or LedgerEntryTypes.Withdrawal => (available, held - entry.Amount),
                _ => (available + entry.Amount, held),
            };
            Assert.Equal((++sequence, available, held), (entry.Sequence, entry.Available, entry.Held));
        }

        Assert.Equal((wallet.Available, wallet.Held), (available, held));
    }

    private static long Uncertain(ModelWallet wallet, List<ModelHold> holds) =>
        holds.Where(h => h.Wallet == wallet && h.IsPending && h.Deadline is not null).Sum(h => h.Amount);

    private async Task<HoldView> WaitForResolutionAsync(ModelHold hold)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(ExpiryWait);
        while (true)
        {
            var view = await WalletHarness.RunAsync(() => _wallets.Wallet(hold.Wallet.Key).GetHoldAsync(hold.Id));
            if (view is { Status: not HoldStatuses.Pending })
            {
                return view;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
