using GrainMarket.Common;
using GrainMarket.Inventory;
using GrainMarket.Notifications;
using GrainMarket.Orders;
using GrainMarket.Sellers;
using GrainMarket.Wallets;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Returns;

/// <summary>
/// A return in transactional state. Each step is one transaction with what it moves: the request with its order's
/// claim; a rejection with the claim's end; the decision with the order, the buyer's, seller's and platform's wallets,
/// the stock of every returned product and the seller's points. The parties hear of each step once it committed.
/// </summary>
/// <remarks>
/// Not reentrant: nothing calls back into a return (it calls its order, wallets, stock, points and inboxes, none of
/// which calls returns), so its turns simply queue.
/// </remarks>
[GrainType("return")]
public sealed class ReturnGrain(
    [TransactionalState("return")] ITransactionalState<ReturnState> state,
    ITransactionClient transactions,
    ReturnSettings settings,
    OrderSettings orderSettings,
    TimeProvider timeProvider,
    ILogger<ReturnGrain> logger) : Grain, IReturnGrain
{
    private Guid ReturnId => this.GetPrimaryKey();

    async Task<Result<ReturnView>> IReturnGrain.RequestAsync(NewReturn request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await ReadAsync() is { } existing)
        {
            return existing.BuyerId == request.BuyerId ? existing : NotFound();
        }

        var now = timeProvider.GetUtcNow();
        DomainError? refusal = null;
        ReturnView? opened = null;
        var created = false;
        await transactions.RunAsync(async () =>
        {
            (refusal, opened, created) = (null, null, false);
            if (await state.PerformRead(View) is { } repeat)
            {
                opened = repeat;
                return true;
            }

            var claimed = await GrainFactory.GetGrain<IOrderGrain>(request.OrderId).ClaimReturnAsync(new ReturnClaim(ReturnId, request.BuyerId, request.Lines, now - settings.Window));
            if (claimed.Error is { } refused)
            {
                refusal = refused;
                return false;
            }

            opened = await state.PerformUpdate(s =>
            {
                s.Status = ReturnStatuses.Requested;
                s.OrderId = request.OrderId;
                s.BuyerId = request.BuyerId;
                s.SellerId = claimed.Value![0].SellerId;
                s.Lines = [.. claimed.Value];
                s.Reason = request.Reason;
                s.PhotoUrls = [.. request.PhotoUrls];
                s.CreatedAt = now;
                s.History = [new OrderEvent(ReturnStatuses.Requested, request.BuyerId, now)];
                return View(s)!;
            });
            created = true;
            return true;
        });

        if (refusal is not null)
        {
            return refusal;
        }

        if (created)
        {
            logger.LogInformation("Return {ReturnId} requested on order {OrderId}: {Units} units worth {Value}", ReturnId, opened!.OrderId, opened.Lines.Sum(l => l.Quantity), opened.Value);
            await NotifyAsync(opened!, "Return requested", $"A return of {Describe(opened!)} from order {opened!.OrderId} was requested: {opened.Reason}");
        }

        return opened!;
    }

    Task<ReturnView?> IReturnGrain.GetAsync() => ReadAsync();

    Task<Result<ReturnView>> IReturnGrain.ApproveAsync(Actor actor) =>
        StepAsync(actor, ReturnStatuses.Approved, ReturnStatuses.Requested, BySeller, null, null, "Return approved", "The seller approved the return; a courier will pick it up.");

    Task<Result<ReturnView>> IReturnGrain.RejectAsync(Actor actor, string reason) =>
        StepAsync(
            actor,
            ReturnStatuses.Rejected,
            ReturnStatuses.Requested,
            BySeller,
            view => ResolveOnOrderAsync(view, ReturnStatuses.Rejected),
            s => s.Note = reason,
            "Return rejected",
            $"The return was rejected: {reason}");

    Task<Result<ReturnView>> IReturnGrain.PickUpAsync(Actor actor) =>
        StepAsync(actor, ReturnStatuses.PickedUp, ReturnStatuses.Approved, (_, _) => true, null, s => s.CourierId ??= actor.IsAdmin ? null : actor.UserId, "Return picked up", "A courier picked up the returned units.");

    Task<Result<ReturnView>> IReturnGrain.ReceiveAsync(Actor actor) =>
        StepAsync(actor, ReturnStatuses.Received, ReturnStatuses.PickedUp, BySeller, null, null, "Return received", "The seller received the returned units; they are inspected next.");

    Task<Result<ReturnView>> IReturnGrain.InspectAsync(Actor actor, IReadOnlyList<InspectedLine> inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        return StepAsync(
            actor,
            ReturnStatuses.Inspected,
            ReturnStatuses.Received,
            (view, a) => a.IsAdmin || a.UserId == view.CourierId,
            view => Task.FromResult(CheckInspection(view, inspection)),
            s => s.Inspection = [.. inspection],
            "Return inspected",
            $"The returned units were inspected: {inspection.Sum(l => l.Resellable)} resellable, {inspection.Sum(l => l.Damaged)} damaged, {inspection.Sum(l => l.WrongItem)} wrong. An admin decides next.");
    }

    Task<Result<ReturnView>> IReturnGrain.DecideAsync(Actor actor, ReturnDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var to = decision.Outcome switch
        {
            ReturnOutcomes.Refund => ReturnStatuses.Refunded,
            ReturnOutcomes.Replace => ReturnStatuses.Replaced,
            _ => ReturnStatuses.Closed,
        };
        ReturnRefund? refund = null;
        return StepAsync(
            actor,
            to,
            ReturnStatuses.Inspected,
            (_, a) => a.IsAdmin,
            async view =>
            {
                refund = null;
                if (decision.SellerAtFault && view.Inspection.Sum(l => l.WrittenOff) == 0)
                {
                    return DomainError.Invalid("sellerAtFault", "needs a unit the inspection found damaged or wrong");
                }

                var terms = await GrainFactory.GetGrain<IOrderGrain>(view.OrderId).ResolveReturnAsync(new ReturnResolution(ReturnId, decision.Outcome));
                if (terms.Error is { } unresolved)
                {
                    return unresolved;
                }

                DomainError? refused = null;
                if (decision.Outcome == ReturnOutcomes.Refund)
                {
                    (refused, refund) = await RefundAsync(view, terms.Value!);
                }
                else if (decision.Outcome == ReturnOutcomes.Replace)
                {
                    refused = await ReplaceAsync(view);
                }

                if (refused is null && decision.SellerAtFault)
                {
                    await GrainFactory.GetGrain<ISellerPointsGrain>(view.SellerId).PenalizeAsync(
                        ReturnIds.Reference(ReturnId),
                        settings.PenaltyPoints,
                        $"Return {ReturnId} of order {view.OrderId}: {view.Inspection.Sum(l => l.Damaged)} damaged and {view.Inspection.Sum(l => l.WrongItem)} wrong units");
                }

                return refused;
            },
            s =>
            {
                s.Outcome = decision.Outcome;
                s.SellerAtFault = decision.SellerAtFault;
                s.Refund = refund;
            },
            $"Return {to}",
            decision.Outcome switch
            {
                ReturnOutcomes.Refund => "The return was refunded to the buyer's wallet.",
                ReturnOutcomes.Replace => "The seller ships replacement units instead of a refund.",
                _ => "The return was closed without a refund; the units go back to the buyer.",
            });
    }

    /// <summary>
    /// Pays the returned lines' value back to the buyer and takes the units back by condition. Before settlement the
    /// money comes out of the order's hold and the units out of its reservation; after it, the seller and the platform
    /// give back what settlement paid them for these lines (the platform the difference its fee makes, so that both
    /// end as if the lines had never sold) and the units come out of sold.
    /// </summary>
    private async Task<(DomainError? Refusal, ReturnRefund? Refund)> RefundAsync(ReturnView view, OrderReturnTerms terms)
    {
        var amount = view.Value;
        var buyer = GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId));
        ReturnRefund refund;
        if (!terms.Settled)
        {
            var refunded = await buyer.RefundHoldAsync(OrderIds.Hold(view.OrderId), ReturnIds.Refund(ReturnId), amount, ReturnIds.Reference(ReturnId));
            if (refunded.Error is { } error)
            {
                return (error, null);
            }

            refund = new ReturnRefund(amount, BeforeSettlement: true, 0, 0);
        }
        else
        {
            var fromPlatform = Fee(terms.SellerSales) - Fee(terms.SellerSales - amount);
            refund = new ReturnRefund(amount, BeforeSettlement: false, amount - fromPlatform, fromPlatform);
            if (await DebitAsync(WalletKeys.ForUser(view.SellerId), "seller", refund.FromSeller, view.BuyerId) is { } sellerShort)
            {
                return (sellerShort with { Code = ErrorCodes.SellerFundsInsufficient, Detail = $"The seller cannot pay the refund back yet: {sellerShort.Detail} An admin decides again later." }, null);
            }

            if (await DebitAsync(WalletKeys.Platform, "platform", refund.FromPlatform, view.BuyerId) is { } platformShort)
            {
                return (platformShort, null);
            }
        }

        var reservation = terms.Settled ? null : OrderIds.Reservation(view.OrderId);
        foreach (var line in view.Inspection)
        {
            var taken = await GrainFactory.GetGrain<IProductStockGrain>(line.ProductId).TakeBackAsync(reservation, line.Resellable, line.WrittenOff);
            if (taken.Error is { } error)
            {
                return (error, null);
            }
        }

        return (null, refund);
    }

    /// <summary>Takes <paramref name="amount"/> from a wallet's available balance and credits it to the buyer as a refund (a hold captured at once).</summary>
    private async Task<DomainError?> DebitAsync(string walletId, string part, long amount, Guid buyerId)
    {
        if (amount == 0)
        {
            return null;
        }

        var wallet = GrainFactory.GetGrain<IWalletGrain>(walletId);
        var holdId = ReturnIds.Debit(ReturnId, part);
        var held = await wallet.HoldAsync(holdId, amount, ReturnIds.Reference(ReturnId), null);
        if (held.Error is { } error)
        {
            return error;
        }

        return (await wallet.CaptureAsync(holdId, amount, [new Payout(WalletKeys.ForUser(buyerId), LedgerEntryTypes.Refund, amount)])).Error;
    }

    /// <summary>
    /// The replacement units take the returned units' place in the order (its reservation, or its sale once settled), so
    /// the order's counts stay; the seller ships them out of available stock. A resellable returned unit goes back to
    /// available as its replacement leaves, so only the others move: from available to written off.
    /// </summary>
    private async Task<DomainError?> ReplaceAsync(ReturnView view)
    {
        foreach (var line in view.Inspection.Where(l => l.WrittenOff > 0))
        {
            var adjusted = await GrainFactory.GetGrain<IProductStockGrain>(line.ProductId).AdjustAsync(-line.WrittenOff);
            if (adjusted.Error is { } error)
            {
                return new DomainError(ErrorCodes.InsufficientStock, $"Product {line.ProductId} has too few units available to replace {line.WrittenOff}: {error.Detail}", "outcome");
            }
        }

        return null;
    }

    private async Task<DomainError?> ResolveOnOrderAsync(ReturnView view, string outcome) =>
        (await GrainFactory.GetGrain<IOrderGrain>(view.OrderId).ResolveReturnAsync(new ReturnResolution(ReturnId, outcome))).Error;

    /// <summary>The platform fee on <paramref name="sales"/>, rounded down as settlement rounds it.</summary>
    private long Fee(long sales) => (long)((Int128)sales * orderSettings.PlatformFeeBps / 10_000);

    /// <summary>Every returned unit is inspected once: per product, as many conditions as units returned.</summary>
    private static DomainError? CheckInspection(ReturnView view, IReadOnlyList<InspectedLine> inspection)
    {
        foreach (var line in view.Lines)
        {
            var units = inspection.Where(l => l.ProductId == line.ProductId).Sum(l => l.Units);
            if (units != line.Quantity)
            {
                return DomainError.Invalid("units", $"must give the condition of each of the {line.Quantity} returned units of product {line.ProductId} ({units} given)");
            }
        }

        return inspection.All(l => view.Lines.Any(r => r.ProductId == l.ProductId)) ? null : DomainError.Invalid("units.productId", "must be a product of the return");
    }

    /// <summary>
    /// Moves the return from <paramref name="from"/> to <paramref name="to"/> in one transaction with the
    /// <paramref name="effects"/> on other grains (a refusal changes nothing), then tells its parties. Repeating a step
    /// that already happened returns the return as it is.
    /// </summary>
    private async Task<Result<ReturnView>> StepAsync(
        Actor actor,
        string to,
        string from,
        Func<ReturnView, Actor, bool> allowed,
        Func<ReturnView, Task<DomainError?>>? effects,
        Action<ReturnState>? change,
        string title,
        string body)
    {
        if (await ReadAsync() is not { } current || !(actor.IsAdmin || current.IsParty(actor.UserId) || allowed(current, actor)))
        {
            // Someone who is not a party must not learn that the return exists.
            return NotFound();
        }

        if (!allowed(current, actor))
        {
            return new DomainError(ErrorCodes.Forbidden, $"You may not make this return {to}.");
        }

        if (current.Status == to)
        {
            return current;
        }

        DomainError? refusal = null;
        var moved = false;
        await transactions.RunAsync(async () =>
        {
            (refusal, moved) = (null, false);
            var view = (await state.PerformRead(View))!;
            if (view.Status == to)
            {
                return true;
            }

            if (view.Status != from)
            {
                refusal = new DomainError(ErrorCodes.InvalidReturnTransition, $"A return that is {view.Status} cannot become {to}.");
                return false;
            }

            if (effects is not null && await effects(view) is { } refused)
            {
                refusal = refused;
                return false;
            }

            var now = timeProvider.GetUtcNow();
            await state.PerformUpdate(s =>
            {
                change?.Invoke(s);
                s.Status = to;
                s.History.Add(new OrderEvent(to, actor.UserId, now));
            });
            moved = true;
            return true;
        });

        if (refusal is not null)
        {
            return refusal;
        }

        var result = (await ReadAsync())!;
        if (moved)
        {
            logger.LogInformation("Return {ReturnId} is {Status}", ReturnId, to);
            await NotifyAsync(result, title, body);
        }

        return result;
    }

    private static bool BySeller(ReturnView view, Actor actor) => actor.IsAdmin || actor.UserId == view.SellerId;

    /// <summary>Tells the buyer, the seller and the courier (once there is one) of the return's new status, once per status.</summary>
    private Task NotifyAsync(ReturnView view, string title, string body)
    {
        var now = timeProvider.GetUtcNow();
        var notification = new Notification($"return:{ReturnId:N}:{view.Status}", NotificationTypes.ReturnUpdated, title, body, $"/api/returns/{ReturnId}", now);
        var parties = new[] { view.BuyerId, view.SellerId, view.CourierId ?? Guid.Empty }.Where(id => id != Guid.Empty).Distinct();
        return Task.WhenAll(parties.Select(id => GrainFactory.GetGrain<INotificationInboxGrain>(id).AddAsync(notification)));
    }

    private static string Describe(ReturnView view) => string.Join(", ", view.Lines.Select(l => $"{l.Quantity} × {l.Title}"));

    private async Task<ReturnView?> ReadAsync()
    {
        ReturnView? view = null;
        await transactions.RunAsync(async () => view = await state.PerformRead(View));
        return view;
    }

    private ReturnView? View(ReturnState s) => s.Status is null
        ? null
        : new ReturnView(ReturnId, s.OrderId, s.BuyerId, s.SellerId, s.Status, [.. s.Lines], s.Reason, [.. s.PhotoUrls], s.CourierId, [.. s.Inspection], s.Outcome, s.SellerAtFault, s.Refund, [.. s.History], s.CreatedAt, s.Note);

    private static DomainError NotFound() => new(ErrorCodes.ReturnNotFound, "The return was not found.");
}
