using GrainMarket.Common;

namespace GrainMarket.Wallets;

/// <summary>
/// A wallet's transactional state: its balances, its holds, the credits it remembers, and its most recent ledger
/// entries. The methods are the wallet's rules: deterministic, free of I/O, and returning expected failures as values
/// without changing anything (a transaction's update function must not throw for them).
/// </summary>
/// <remarks>
/// Every store writes this whole state, so it is bounded: every pending hold is kept (their sum is <see cref="Held"/>),
/// but of the resolved ones only the <see cref="ResolvedHoldsKept"/> most recently resolved, of the credits the
/// <see cref="RecentOutcomes"/> most recent, and of the ledger the last <see cref="RecentEntriesKept"/> entries. A
/// repeated credit, or a repeated <see cref="Hold"/>, whose first outcome was forgotten is still never applied twice:
/// its entry's operation id (<c>CREDIT:{id}</c>, <c>HOLD:{id}</c>) is unique per wallet in the ledger read model,
/// which refuses the store that would write it again. <see cref="SetHold"/> names its entries by sequence, so on a
/// forgotten hold it would start a new one: only a hold that is still pending is ever set (an auction's, while it runs).
/// </remarks>
[GenerateSerializer, Alias("gm.wallets.WalletState")]
public sealed class WalletState
{
    /// <summary>
    /// How many credits the state remembers to answer repeats with their first outcome. Older ones are forgotten, so a
    /// wallet's state does not grow with its history.
    /// </summary>
    public const int RecentOutcomes = 200;

    /// <summary>How many resolved holds the state keeps, the most recently resolved, to answer repeats with their first outcome.</summary>
    public const int ResolvedHoldsKept = 256;

    /// <summary>
    /// How many of the latest ledger entries the state keeps for <see cref="WalletProjection"/>, which appends those
    /// committed since the last store. Orleans may confirm several transactions in one store; should they have made
    /// more entries than this, the projection refuses the store rather than leave a gap in the ledger.
    /// </summary>
    public const int RecentEntriesKept = 64;

    [Id(0)]
    public long Available { get; set; }

    [Id(1)]
    public long Held { get; set; }

    /// <summary>Money that entered the platform through this wallet (TOPUP, ADJUSTMENT).</summary>
    [Id(2)]
    public long ExternalIn { get; set; }

    /// <summary>Money that left the platform from this wallet (WITHDRAWAL).</summary>
    [Id(3)]
    public long ExternalOut { get; set; }

    /// <summary>The sequence of the wallet's latest ledger entry (entries are numbered from 1).</summary>
    [Id(4)]
    public long LastSequence { get; set; }

    /// <summary>The entries of the <see cref="RecentOutcomes"/> most recent credits by operation id, so that a repeat returns the first.</summary>
    [Id(5)]
    public Dictionary<string, LedgerEntry> Credits { get; set; } = [];

    /// <summary>The last <see cref="RecentEntriesKept"/> ledger entries, oldest first, ending with sequence <see cref="LastSequence"/>.</summary>
    [Id(6)]
    public List<LedgerEntry> RecentEntries { get; set; } = [];

    /// <summary>Every pending hold, and the <see cref="ResolvedHoldsKept"/> most recently resolved ones, by hold id.</summary>
    [Id(7)]
    public Dictionary<string, HoldRecord> Holds { get; set; } = [];

    /// <summary>How many holds this wallet has resolved, ever; numbers each one's <see cref="HoldRecord.ResolvedOrder"/>.</summary>
    [Id(8)]
    public long ResolvedHolds { get; set; }

    public WalletBalance Balance => new(Available, Held);

    public HoldView? FindHold(string holdId) => Holds.TryGetValue(holdId, out var hold) ? hold.View(holdId) : null;

    /// <summary>
    /// Credits <paramref name="amount"/> (a repeat of <paramref name="operationId"/> answers the first entry);
    /// <c>amount-too-large</c>, changing nothing, when the wallet's money (available and held) or its external
    /// inflow would pass <see cref="long.MaxValue"/>.
    /// </summary>
    public Result<LedgerEntry> Credit(string operationId, string type, long amount, string reference, DateTimeOffset now)
    {
        if (Credits.TryGetValue(operationId, out var first))
        {
            return first;
        }

        var external = LedgerEntryTypes.IsExternal(type);
        if (amount > long.MaxValue - Available - Held || (external && amount > long.MaxValue - ExternalIn))
        {
            return new DomainError(ErrorCodes.AmountTooLarge, $"A credit of {amount} would take this wallet past the largest balance it can hold.", "amount");
        }

        Available = checked(Available + amount);
        if (external)
        {
            ExternalIn = checked(ExternalIn + amount);
        }

        var entry = Append($"CREDIT:{operationId}", type, amount, reference, now);
        Credits[operationId] = entry;
        ForgetOldCredits();
        return entry;
    }

    /// <summary>Places hold <paramref name="holdId"/> of <paramref name="amount"/>; a hold that exists answers as it stands.</summary>
    public Result<HoldView> Hold(string holdId, long amount, string reference, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (Holds.TryGetValue(holdId, out var existing))
        {
            return existing.View(holdId);
        }

        if (expiresAt <= now)
        {
            return DomainError.Invalid("expiresAt", "must be in the future");
        }

        if (amount > Available)
        {
            return InsufficientFunds(amount);
        }

        var hold = new HoldRecord { Amount = amount, Reference = reference, ExpiresAt = expiresAt };
        Holds[holdId] = hold;
        Available = checked(Available - amount);
        Held = checked(Held + amount);
        Append($"{LedgerEntryTypes.Hold}:{holdId}", LedgerEntryTypes.Hold, amount, reference, now);
        return hold.View(holdId);
    }

    /// <summary>
    /// Sets a pending hold to exactly <paramref name="amount"/> (zero keeps it pending and empty), creating it if it does
    /// not exist: a raise takes the difference from available (<c>insufficient-funds</c> otherwise), a cut returns it.
    /// Setting the same amount again changes nothing, so a repeat is harmless.
    /// </summary>
    public Result<HoldView> SetHold(string holdId, long amount, string reference, DateTimeOffset now)
    {
        Holds.TryGetValue(holdId, out var existing);
        if (existing is { IsPending: false })
        {
            return new DomainError(ErrorCodes.HoldAlreadyResolved, $"Hold {holdId} is {existing.Status}: it cannot change.", "holdId");
        }

        var change = amount - (existing?.Amount ?? 0);
        if (change > Available)
        {
            return InsufficientFunds(change);
        }

        var hold = existing ?? new HoldRecord { Reference = reference };
        Holds[holdId] = hold;
        hold.Amount = amount;
        Available = checked(Available - change);
        Held = checked(Held + change);
        if (change != 0)
        {
            // An adjustment's entry is named by the sequence it takes, so every raise and cut of the hold has its own.
            var type = change > 0 ? LedgerEntryTypes.Hold : LedgerEntryTypes.Release;
            Append($"{type}:{holdId}#{LastSequence + 1}", type, Math.Abs(change), hold.Reference, now);
        }

        return hold.View(holdId);
    }

    /// <summary>Captures <paramref name="amount"/> of a pending hold (leaving the wallet) and releases the rest.</summary>
    public HoldResolution Capture(string holdId, long amount, DateTimeOffset now)
    {
        if (Unresolvable(holdId, now) is { } done)
        {
            return done;
        }

        var hold = Holds[holdId];
        if (amount > hold.Amount)
        {
            return new HoldResolution(new DomainError(ErrorCodes.CaptureExceedsHold, $"Cannot capture {amount}: hold {holdId} is {hold.Amount}.", "amount", new Dictionary<string, long> { ["held"] = hold.Amount, ["requested"] = amount }), false);
        }

        Resolve(holdId, hold, HoldStatuses.Captured, amount, LedgerEntryTypes.Capture, now);
        return new HoldResolution(hold.View(holdId), true);
    }

    /// <summary>
    /// Refunds <paramref name="amount"/> of a pending hold to available (a repeat of <paramref name="operationId"/>
    /// answers the first entry): a CAPTURE entry out of held, then a REFUND credit, so the ledger's sums stay the
    /// balances; the hold keeps the rest, still pending.
    /// </summary>
    public Result<LedgerEntry> RefundHold(string holdId, string operationId, long amount, string reference, DateTimeOffset now)
    {
        if (Credits.TryGetValue(operationId, out var first))
        {
            return first;
        }

        if (Unresolvable(holdId, now) is { } done)
        {
            return done.Result.Error ?? new DomainError(ErrorCodes.HoldAlreadyResolved, $"Hold {holdId} is {done.Result.Value!.Status}: nothing is left to refund.", "holdId");
        }

        var hold = Holds[holdId];
        if (amount > hold.Amount)
        {
            return new DomainError(ErrorCodes.CaptureExceedsHold, $"Cannot refund {amount}: hold {holdId} is {hold.Amount}.", "amount", new Dictionary<string, long> { ["held"] = hold.Amount, ["requested"] = amount });
        }

        hold.Amount -= amount;
        Held = checked(Held - amount);
        Append($"{LedgerEntryTypes.Capture}:{holdId}:{operationId}", LedgerEntryTypes.Capture, amount, reference, now);
        return Credit(operationId, LedgerEntryTypes.Refund, amount, reference, now);
    }

    /// <summary>Pays a pending hold out of the platform in full.</summary>
    public HoldResolution Withdraw(string holdId, DateTimeOffset now)
    {
        if (Unresolvable(holdId, now) is { } done)
        {
            return done;
        }

        var hold = Holds[holdId];
        Resolve(holdId, hold, HoldStatuses.Captured, hold.Amount, LedgerEntryTypes.Withdrawal, now);
        ExternalOut = checked(ExternalOut + hold.Amount);
        return new HoldResolution(hold.View(holdId), true);
    }

    public HoldResolution Release(string holdId, DateTimeOffset now)
    {
        if (Unresolvable(holdId, now) is { } done)
        {
            return done;
        }

        var hold = Holds[holdId];
        Resolve(holdId, hold, HoldStatuses.Released, 0, LedgerEntryTypes.Capture, now);
        return new HoldResolution(hold.View(holdId), true);
    }

    /// <summary>Expires the hold if it is pending and due; otherwise changes nothing.</summary>
    public HoldResolution Expire(string holdId, DateTimeOffset now) =>
        Unresolvable(holdId, now) ?? new HoldResolution(Holds[holdId].View(holdId), false);

    /// <summary>
    /// Null when the hold is pending and can be resolved now; otherwise what to answer: not found, the first outcome of
    /// a hold resolved before, or the expiry of a hold found past its deadline (it expires here, before anything else).
    /// </summary>
    private HoldResolution? Unresolvable(string holdId, DateTimeOffset now)
    {
        if (!Holds.TryGetValue(holdId, out var hold))
        {
            return new HoldResolution(new DomainError(ErrorCodes.HoldNotFound, $"There is no hold {holdId} in this wallet."), false);
        }

        if (!hold.IsPending)
        {
            return new HoldResolution(hold.View(holdId), false);
        }

        if (hold.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            Resolve(holdId, hold, HoldStatuses.Expired, 0, LedgerEntryTypes.Capture, now);
            return new HoldResolution(hold.View(holdId), true);
        }

        return null;
    }

    /// <summary>Takes the hold off <see cref="Held"/>: <paramref name="captured"/> leaves as <paramref name="captureType"/>, the rest returns to available.</summary>
    private void Resolve(string holdId, HoldRecord hold, string status, long captured, string captureType, DateTimeOffset now)
    {
        hold.Status = status;
        hold.Captured = captured;
        hold.ResolvedOrder = ++ResolvedHolds;
        if (captured > 0)
        {
            Held = checked(Held - captured);
            Append($"{captureType}:{holdId}", captureType, captured, hold.Reference, now);
        }

        var released = hold.Amount - captured;
        if (released > 0)
        {
            Held = checked(Held - released);
            Available = checked(Available + released);
            Append($"{LedgerEntryTypes.Release}:{holdId}", LedgerEntryTypes.Release, released, hold.Reference, now);
        }

        ForgetOldResolvedHolds();
    }

    /// <summary>Drops the oldest credits beyond <see cref="RecentOutcomes"/>, a quarter at a time so the scan is rare.</summary>
    private void ForgetOldCredits()
    {
        if (Credits.Count > RecentOutcomes + (RecentOutcomes / 4))
        {
            foreach (var operationId in Credits.OrderBy(c => c.Value.Sequence).Take(Credits.Count - RecentOutcomes).Select(c => c.Key).ToList())
            {
                Credits.Remove(operationId);
            }
        }
    }

    /// <summary>Drops the earliest resolved holds beyond <see cref="ResolvedHoldsKept"/>; pending holds are never dropped.</summary>
    private void ForgetOldResolvedHolds()
    {
        var resolved = Holds.Count(h => !h.Value.IsPending);
        if (resolved > ResolvedHoldsKept)
        {
            foreach (var holdId in Holds.Where(h => !h.Value.IsPending).OrderBy(h => h.Value.ResolvedOrder).Take(resolved - ResolvedHoldsKept).Select(h => h.Key).ToList())
            {
                Holds.Remove(holdId);
            }
        }
    }

    private LedgerEntry Append(string operationId, string type, long amount, string reference, DateTimeOffset now)
    {
        var entry = new LedgerEntry(++LastSequence, operationId, type, amount, Available, Held, reference, now);
        RecentEntries.Add(entry);
        if (RecentEntries.Count > RecentEntriesKept)
        {
            RecentEntries.RemoveRange(0, RecentEntries.Count - RecentEntriesKept);
        }

        return entry;
    }

    private DomainError InsufficientFunds(long requested) =>
        new(ErrorCodes.InsufficientFunds, $"The wallet has {Available} available; {requested} was asked for.", "amount", new Dictionary<string, long> { ["available"] = Available, ["requested"] = requested, ["missing"] = requested - Available });
}
