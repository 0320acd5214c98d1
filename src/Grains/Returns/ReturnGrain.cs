using GrainMarket.Common;
using GrainMarket.Notifications;
using GrainMarket.Orders;
using GrainMarket.Sellers;
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

    private ReturnDecisionEffects Effects => new(GrainFactory, ReturnId, orderSettings.PlatformFeeBps);

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
                    (refused, refund) = await Effects.RefundAsync(view, terms.Value!);
                }
                else if (decision.Outcome == ReturnOutcomes.Replace)
                {
                    refused = await Effects.ReplaceAsync(view);
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

    private async Task<DomainError?> ResolveOnOrderAsync(ReturnView view, string outcome) =>
        (await GrainFactory.GetGrain<IOrderGrain>(view.OrderId).ResolveReturnAsync(new ReturnResolution(ReturnId, outcome))).Error;

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
