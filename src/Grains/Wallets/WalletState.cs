using System.Text.Json.Serialization;
using GrainMarket.Common;

namespace GrainMarket.Wallets;

/// <summary>
/// A wallet's transactional state: its balances, and the credits it remembers. Each hold is a record of its own
/// (<see cref="HoldRecord"/>, beside this state), so that a wallet with many pending holds is not rewritten whole at
/// every order. The methods are the wallet's rules, on this state and the hold they concern: deterministic, free of
/// I/O, and returning expected failures as values without changing anything (a transaction's update function must not
/// throw for them).
/// </summary>
public sealed class WalletState
{
    public long Available { get; set; }

    public long Held { get; set; }

    /// <summary>Money that entered the platform through this wallet (TOPUP, ADJUSTMENT).</summary>
    public long ExternalIn { get; set; }

    /// <summary>Money that left the platform from this wallet (WITHDRAWAL).</summary>
    public long ExternalOut { get; set; }

    public long LastSequence { get; set; }

    /// <summary>
    /// How many credits the state remembers to answer repeats with their first outcome. Older ones are forgotten, so a
    /// wallet's state does not grow with its history; a repeat that old is still never applied twice, because the
    /// ledger read model's unique (wallet, operation id) refuses the commit that would do it. (Holds are records that
    /// are kept: every repeat of a hold operation answers with its first outcome.)
    /// </summary>
    public const int RecentOutcomes = 200;

    /// <summary>The entries of the <see cref="RecentOutcomes"/> most recent credits by operation id, so that a repeat returns the first.</summary>
    public Dictionary<string, LedgerEntry> Credits { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The entries of the transaction that last wrote this state, for the read model to append. Each transaction
    /// starts them afresh (<see cref="BeginUpdate"/>), so the state never carries the ledger's history.
    /// </summary>
    public List<LedgerEntry> NewEntries { get; init; } = [];

    /// <summary>Set once the current transaction's copy has been prepared; not stored, so every new copy starts unset.</summary>
    [JsonIgnore]
    public bool InUpdate { get; set; }

    [JsonIgnore]
    public WalletBalance Balance => new(Available, Held);

    /// <summary>Called first by every update: the first update of a transaction drops the entries of the previous one.</summary>
    public WalletState BeginUpdate()
    {
        if (!InUpdate)
        {
            NewEntries.Clear();
            InUpdate = true;
        }

        return this;
    }

    public LedgerEntry Credit(string operationId, string type, long amount, string reference, DateTimeOffset now)
    {
        if (Credits.TryGetValue(operationId, out var first))
        {
            return first;
        }

        Available += amount;
        if (LedgerEntryTypes.IsExternal(type))
        {
            ExternalIn += amount;
        }

        var entry = Append($"CREDIT:{operationId}", type, amount, reference, now);
        Credits[operationId] = entry;
        ForgetOldCredits();
        return entry;
    }

    /// <summary>Places <paramref name="hold"/> (absent so far) of <paramref name="amount"/>; a hold that exists answers as it stands.</summary>
    public Result<HoldView> Hold(HoldRecord hold, string holdId, long amount, string reference, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (hold.Exists)
        {
            return hold.View(holdId);
        }

        if (expiresAt <= now)
        {
            return DomainError.Invalid("expiresAt", "must be in the future");
        }

        if (amount > Available)
        {
            return InsufficientFunds(amount);
        }

        (hold.Status, hold.Amount, hold.Reference, hold.ExpiresAt) = (HoldStatuses.Pending, amount, reference, expiresAt);
        Available -= amount;
        Held += amount;
        Append($"{LedgerEntryTypes.Hold}:{holdId}", LedgerEntryTypes.Hold, amount, reference, now);
        return hold.View(holdId);
    }

    /// <summary>
    /// Sets a pending hold to exactly <paramref name="amount"/> (zero keeps it pending and empty), creating it if it does
    /// not exist: a raise takes the difference from available (<c>insufficient-funds</c> otherwise), a cut returns it.
    /// Setting the same amount again changes nothing, so a repeat is harmless. A raise adds up to
    /// <paramref name="headroom"/> more, as far as available allows.
    /// </summary>
    public Result<HoldView> SetHold(HoldRecord hold, string holdId, long amount, string reference, DateTimeOffset now, long headroom = 0)
    {
        if (hold.Exists && hold.Status != HoldStatuses.Pending)
        {
            return new DomainError(ErrorCodes.HoldAlreadyResolved, $"Hold {holdId} is {hold.Status}: it cannot change.", "holdId");
        }

        var change = amount - hold.Amount;
        if (change > Available)
        {
            return InsufficientFunds(change);
        }

        if (change > 0)
        {
            change += Math.Min(headroom, Available - change);
            amount = hold.Amount + change;
        }

        if (!hold.Exists)
        {
            (hold.Status, hold.Reference) = (HoldStatuses.Pending, reference);
        }

        hold.Amount = amount;
        Available -= change;
        Held += change;
        if (change != 0)
        {
            // An adjustment's entry is named by the sequence it takes, so every raise and cut of the hold has its own.
            var type = change > 0 ? LedgerEntryTypes.Hold : LedgerEntryTypes.Release;
            Append($"{type}:{holdId}#{LastSequence + 1}", type, Math.Abs(change), hold.Reference, now);
        }

        return hold.View(holdId);
    }

    /// <summary>Captures <paramref name="amount"/> of a pending hold (leaving the wallet) and releases the rest.</summary>
    public HoldResolution Capture(HoldRecord hold, string holdId, long amount, DateTimeOffset now)
    {
        if (Unresolvable(hold, holdId, now) is { } done)
        {
            return done;
        }

        if (amount > hold.Amount)
        {
            return new HoldResolution(new DomainError(ErrorCodes.CaptureExceedsHold, $"Cannot capture {amount}: hold {holdId} is {hold.Amount}.", "amount", new Dictionary<string, long> { ["held"] = hold.Amount, ["requested"] = amount }), false);
        }

        Resolve(holdId, hold, HoldStatuses.Captured, amount, LedgerEntryTypes.Capture, now);
        return new HoldResolution(hold.View(holdId), true);
    }

    /// <summary>Pays a pending hold out of the platform in full.</summary>
    public HoldResolution Withdraw(HoldRecord hold, string holdId, DateTimeOffset now)
    {
        if (Unresolvable(hold, holdId, now) is { } done)
        {
            return done;
        }

        Resolve(holdId, hold, HoldStatuses.Captured, hold.Amount, LedgerEntryTypes.Withdrawal, now);
        ExternalOut += hold.Amount;
        return new HoldResolution(hold.View(holdId), true);
    }

    public HoldResolution Release(HoldRecord hold, string holdId, DateTimeOffset now)
    {
        if (Unresolvable(hold, holdId, now) is { } done)
        {
            return done;
        }

        Resolve(holdId, hold, HoldStatuses.Released, 0, LedgerEntryTypes.Capture, now);
        return new HoldResolution(hold.View(holdId), true);
    }

    /// <summary>Expires the hold if it is pending and due; otherwise changes nothing.</summary>
    public HoldResolution Expire(HoldRecord hold, string holdId, DateTimeOffset now) =>
        Unresolvable(hold, holdId, now) ?? new HoldResolution(hold.View(holdId), false);

    /// <summary>
    /// Null when the hold is pending and can be resolved now; otherwise what to answer: not found, the first outcome of
    /// a hold resolved before, or the expiry of a hold found past its deadline (it expires here, before anything else).
    /// </summary>
    private HoldResolution? Unresolvable(HoldRecord hold, string holdId, DateTimeOffset now)
    {
        if (!hold.Exists)
        {
            return new HoldResolution(new DomainError(ErrorCodes.HoldNotFound, $"There is no hold {holdId} in this wallet."), false);
        }

        if (hold.Status != HoldStatuses.Pending)
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
        if (captured > 0)
        {
            Held -= captured;
            Append($"{captureType}:{holdId}", captureType, captured, hold.Reference, now);
        }

        var released = hold.Amount - captured;
        if (released > 0)
        {
            Held -= released;
            Available += released;
            Append($"{LedgerEntryTypes.Release}:{holdId}", LedgerEntryTypes.Release, released, hold.Reference, now);
        }
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

    private LedgerEntry Append(string operationId, string type, long amount, string reference, DateTimeOffset now)
    {
        var entry = new LedgerEntry(++LastSequence, operationId, type, amount, Available, Held, reference, now);
        NewEntries.Add(entry);
        return entry;
    }

    private DomainError InsufficientFunds(long requested) =>
        new(ErrorCodes.InsufficientFunds, $"The wallet has {Available} available; {requested} was asked for.", "amount", new Dictionary<string, long> { ["available"] = Available, ["requested"] = requested, ["missing"] = requested - Available });
}
