using GrainMarket.Auctions;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Delivery;
using GrainMarket.Diagnostics;
using GrainMarket.Inventory;
using GrainMarket.Promotions;
using GrainMarket.Sellers;
using GrainMarket.Shipping;
using GrainMarket.Wallets;

namespace GrainMarket.Orders;

// Reentrant as on the old runtime (which required it of grains with transactional state): a read of the order or a
// reminder tick need not wait behind a step that awaits its wallets and stock. Invariant across every await: the order
// lives only in the transactional state, read and changed only inside transactions, whose locks (not the turn) order
// concurrent steps; the grain keeps no fields, every step reads the order again inside its transaction before it
// changes it, and reminder callbacks read it afresh. The order calls its cart, stock, wallet and auction grains; of
// those only the auction calls orders, and what it calls while this order waits on it (PaymentMissedAsync) is another
// order, the runner-up's.
[Reentrant]
[GrainType("order")]
public sealed partial class OrderGrain(
    [TransactionalState("order")] ITransactionalState<OrderState> order,
    ITransactionClient transactions,
    OrderSettings settings,
    SellerPointsSettings sellerPoints,
    TimeProvider timeProvider) : Grain, IOrderGrain, IRemindable
{
    private const string CompletionReminder = "complete";

    private const string PaymentReminder = "payment-deadline";

    private Guid OrderId => this.GetPrimaryKey();

    async Task<Result<OrderView>> IOrderGrain.PlaceAsync(PlaceOrder command)
    {
        // A cart checkout reads the order and the cart together first (a repeat finds the order, its cart already empty);
        // a buy-now names its lines, and its transaction below reads the order before anything else.
        var requested = command.Lines;
        if (requested is null)
        {
            OrderView? existing = null;
            IReadOnlyList<CartLine> cartLines = [];
            await transactions.RunAsync(async () =>
            {
                existing = await order.PerformRead(View);
                cartLines = existing is null ? await GrainFactory.GetGrain<ICartGrain>(command.BuyerId).GetLinesAsync() : [];
            });
            if (existing is not null)
            {
                return PlacedFor(existing, command.BuyerId);
            }

            requested = cartLines;
        }

        // The catalog (prices, sellers, titles) and the shipping quote are read first, outside the transaction
        // (CheckoutPricing); the transaction charges exactly these lines.
        var priced = await CheckoutPricing.ReadAsync(GrainFactory, command, requested, timeProvider.GetUtcNow());
        if (priced.Error is { } unavailable)
        {
            return unavailable;
        }

        var catalog = priced.Value!;
        var listings = catalog.Listings;
        var parcel = CheckoutPricing.Parcel(requested);
        var quote = await CheckoutPricing.ShippingAsync(GrainFactory, command.ShippingAddress, parcel, catalog);
        if (quote.Refusal is { } unshippable)
        {
            // A repeat of a checkout placed before the rate table changed answers with its order.
            return await ReadAsync() is { } placedBefore ? PlacedFor(placedBefore, command.BuyerId) : unshippable;
        }

        var referral = await ReferralAsync(command, catalog);
        if (referral.Error is { } unreferred)
        {
            return await ReadAsync() is { } placedBefore ? PlacedFor(placedBefore, command.BuyerId) : unreferred;
        }

        var byProvider = PaymentMethods.ByProvider(command.PaymentMethod);
        var paymentDue = byProvider ? timeProvider.GetUtcNow() + settings.PaymentDeadline : (DateTimeOffset?)null;
        if (paymentDue is { } deadline)
        {
            // As for an auction's order: registered before the order exists; a tick that finds it paid or never placed unregisters.
            await this.RegisterOrUpdateReminder(PaymentReminder, settings.PaymentDeadline, OneShotReminder.RetryPeriod);
        }

        DomainError? refusal = null;
        OrderView? placed = null;
        var created = false;
        var committed = await transactions.RunAsync(async () =>
        {
            (refusal, placed, created) = (null, null, false);
            if (await order.PerformRead(View) is { } existing)
            {
                // Placed before (a repeat of this checkout): that order is the answer, and nothing is reserved again.
                // The read commits rather than aborts: Orleans lets it see a placement that is prepared but not yet
                // committed, and only a commit waits for that one's outcome (an abort of it aborts this one, which is
                // then retried); answering from an aborted read could acknowledge an order that never commits.
                placed = existing;
                return true;
            }

            var lines = command.Lines ?? await GrainFactory.GetGrain<ICartGrain>(command.BuyerId).GetLinesAsync();
            if (lines.Any(l => !listings.ContainsKey(l.ProductId)) || !CheckoutPricing.Parcel(lines).OrderBy(p => p.Key).SequenceEqual(parcel.OrderBy(p => p.Key)))
            {
                // The cart changed since it was read: refuse rather than sell at an unread price.
                refusal = new DomainError(ErrorCodes.TransactionConflict, "The cart changed during checkout; check out again.");
                return false;
            }

            var orderLines = CheckoutPricing.Lines(lines, catalog);

            // The coupon's use is counted in this transaction (its grain's state joins it): an abort below gives it back.
            OrderCoupon? coupon = null;
            if (command.CouponCode is { } code)
            {
                var redeemed = await GrainFactory.GetGrain<ICouponGrain>(code).RedeemAsync(CheckoutPricing.Redemption(OrderId, command.BuyerId, orderLines));
                if (redeemed.Error is { } notRedeemed)
                {
                    refusal = notRedeemed;
                    return false;
                }

                coupon = redeemed.Value!;
                orderLines = CouponAllocation.Apply(orderLines, coupon);
            }

            var total = checked(orderLines.Sum(l => l.LineTotal) + quote.Charge);
            if (command.ExpectedTotal is { } expected && expected != total)
            {
                // A price changed since the buyer looked: nothing is reserved or held at a total they did not agree to.
                refusal = new DomainError(
                    ErrorCodes.PriceChanged,
                    $"The total is now {total}, not the {expected} you saw; review the prices and check out again.",
                    "expectedTotal",
                    new Dictionary<string, long> { ["currentTotal"] = total, ["expectedTotal"] = expected, ["shippingCharge"] = quote.Charge });
                return false;
            }

            // The reservations and the hold go out together, all inside this transaction: any refusal aborts all of them.
            // The ids derive from this order, which this transaction found unplaced: neverUsed tells the stock and wallet
            // so. A retry racing this one uses the same ids; the stock and wallet locks put one after the other, and the
            // later finds the reservations and hold the earlier made, answers with them, and finds the order placed below.
            var reserving = orderLines.Select(line =>
                GrainFactory.GetGrain<IProductStockGrain>(line.ProductId).ReserveAsync(OrderIds.Reservation(OrderId), line.Quantity, neverUsed: true)).ToList();
            // A card checkout holds nothing yet: the money is held when the provider confirms it (PaidByProviderAsync).
            var holding = byProvider
                ? Task.FromResult<Result<HoldView>>(new HoldView(OrderIds.Hold(OrderId), total, OrderIds.Reference(OrderId), HoldStatuses.Pending, 0, null))
                : GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(command.BuyerId)).HoldAsync(OrderIds.Hold(OrderId), total, OrderIds.Reference(OrderId), null, neverUsed: true);
            await Task.WhenAll(reserving.Append<Task>(holding));
            for (var i = 0; i < orderLines.Count; i++)
            {
                var reserved = await reserving[i];
                if (reserved.Error is { } shortage)
                {
                    refusal = shortage with { Detail = $"{shortage.Detail} (product {orderLines[i].ProductId})", Field = "productId" };
                    return false;
                }

                if (reserved.Value!.Status != ReservationStatus.Reserved)
                {
                    refusal = AlreadyResolved();
                    return false;
                }
            }

            var held = await holding;
            if (!held.Succeeded)
            {
                refusal = held.Error;
                return false;
            }

            if (held.Value!.Status != HoldStatuses.Pending)
            {
                refusal = AlreadyResolved();
                return false;
            }

            if (command.Lines is null)
            {
                await GrainFactory.GetGrain<ICartGrain>(command.BuyerId).EmptyAsync();
            }

            var now = timeProvider.GetUtcNow();

            // The view of the copy this transaction commits: the answer, without a second transaction to read it back.
            var status = byProvider ? OrderStatuses.AwaitingPayment : OrderStatuses.Placed;
            placed = await order.PerformUpdate(s =>
            {
                s.Status = status;
                s.PaymentDueAt = paymentDue;
                s.Payment = byProvider ? new OrderPayment(command.PaymentMethod!, command.PaymentProvider!, null, total) : null;
                s.BuyerId = command.BuyerId;
                s.Lines = orderLines;
                s.ShippingAddress = command.ShippingAddress;
                s.Total = total;
                s.ShippingCharge = quote.Charge;
                s.Coupon = coupon;
                s.Referral = Referred(referral.Value, orderLines);
                s.CreatedAt = now;
                s.History = [new OrderEvent(status, command.BuyerId, now)];
                return View(s);
            });
            created = true;
            return true;
        });
        if (committed && created)
        {
            MarketMetrics.CountOrderPlaced(MarketMetrics.CheckoutSource);
        }

        if (refusal is { Code: ErrorCodes.OrderAlreadyResolved } && await ReadAsync() is { } settled)
        {
            // Placed and resolved since this checkout began (a retry that raced a cancellation): that order is the answer.
            return PlacedFor(settled, command.BuyerId);
        }

        return refusal is not null ? refusal : PlacedFor(placed!, command.BuyerId);
    }

    /// <summary>
    /// A repeated reservation or hold id answers with what it became, and this order's were resolved already (released or
    /// sold): the order was placed and settled before. Writing it as placed again would make a live order that nothing
    /// backs, so the checkout is refused instead.
    /// </summary>
    private static DomainError AlreadyResolved() =>
        new(ErrorCodes.OrderAlreadyResolved, "This order was placed and settled before; check out again with a new Idempotency-Key.");

    async Task<Result<OrderView>> IOrderGrain.PlaceFromAuctionAsync(AuctionSale sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        if (await ReadAsync() is { } existing)
        {
            return existing;
        }

        var now = timeProvider.GetUtcNow();
        if (sale.PaymentDueAt is { } due)
        {
            // Registered before the order exists, outside its transaction: a tick that finds no order awaiting payment
            // (this placement never committed, or the buyer paid) only unregisters the reminder.
            await this.RegisterOrUpdateReminder(PaymentReminder, due > now ? due - now : TimeSpan.Zero, OneShotReminder.RetryPeriod);
        }

        DomainError? refusal = null;
        var created = false;
        var committed = await transactions.RunAsync(async () =>
        {
            (refusal, created) = (null, false);
            if (sale.PaymentDueAt is null)
            {
                var held = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(sale.BuyerId)).SetHoldAsync(AuctionIds.Hold(sale.AuctionId, sale.BuyerId), sale.Price, AuctionIds.Reference(sale.AuctionId));
                if (!held.Succeeded)
                {
                    refusal = held.Error;
                    return false;
                }
            }

            var status = sale.PaymentDueAt is null ? OrderStatuses.Placed : OrderStatuses.AwaitingPayment;
            await order.PerformUpdate(s =>
            {
                if (s.Status is not null)
                {
                    return;
                }

                s.Status = status;
                s.PaymentDueAt = sale.PaymentDueAt;
                s.BuyerId = sale.BuyerId;
                s.Lines = [new OrderLine(sale.AuctionId, sale.SellerId, sale.Title, sale.Price, 1)];
                s.Total = sale.Price;
                s.CreatedAt = now;
                s.AuctionId = sale.AuctionId;
                s.History = [new OrderEvent(status, Guid.Empty, now)];
                created = true;
            });
            return true;
        });
        if (committed && created)
        {
            MarketMetrics.CountOrderPlaced(MarketMetrics.AuctionSource);
        }

        return refusal is not null ? refusal : (await ReadAsync())!;
    }

    Task<OrderView?> IOrderGrain.GetAsync() => ReadAsync();

    Task<Result<OrderView>> IOrderGrain.PayAsync(Actor actor) =>
        StepAsync(actor, OrderStatuses.Placed, [OrderStatuses.AwaitingPayment], (view, a) => a.UserId == view.BuyerId, async view =>
        {
            if (timeProvider.GetUtcNow() >= view.PaymentDueAt)
            {
                return new DomainError(ErrorCodes.InvalidOrderTransition, $"The payment was due by {view.PaymentDueAt:O}.");
            }

            var held = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId)).HoldAsync(OrderIds.Hold(OrderId), view.Total, OrderIds.Reference(OrderId), null);
            return held.Error;
        });

    async Task<Result<OrderView>> IOrderGrain.SetShippingAddressAsync(Actor actor, ShippingAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (!actor.IsAdmin && actor.UserId != current.BuyerId)
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only the buyer sets where to ship.") : NotFound();
        }

        // Only to where the marketplace ships; the charge stays what checkout held (auction orders have none).
        if ((await GrainFactory.GetGrain<IShippingRatesGrain>(IShippingRatesGrain.Key).QuoteAsync(ShippingDestination.Of(address), [])).Refusal is { Code: ErrorCodes.AddressUnserviceable } unserviceable)
        {
            return unserviceable;
        }

        DomainError? refusal = null;
        await transactions.RunAsync(async () =>
        {
            refusal = null;
            var view = (await order.PerformRead(View))!;
            if (view.Status is not (OrderStatuses.Placed or OrderStatuses.Processing) || AnyShipped(view))
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} (or partly shipped) cannot change its address.");
                return false;
            }

            await order.PerformUpdate(s => s.ShippingAddress = address);
            return true;
        });

        return refusal is not null ? refusal : (await ReadAsync())!;
    }

    async Task<Result<OrderView>> IOrderGrain.CancelAsync(Actor actor)
    {
        if (await ReadAsync() is not { AuctionId: { } auctionId, Status: not OrderStatuses.Cancelled } current || actor.UserId != current.BuyerId)
        {
            return await CancelStepAsync(actor);
        }

        // A winner who cancels a won auction's order walks away from it: a default, as if they had not paid. The
        // auction is told once the cancellation commits; the reminder, registered before the step, is the backstop if
        // this activation does not get that far (its tick tells the auction again, which changes nothing the second
        // time, or finds the order not cancelled by its buyer and only unregisters).
        await this.RegisterOrUpdateReminder(PaymentReminder, OneShotReminder.RetryPeriod, OneShotReminder.RetryPeriod);
        var cancelled = await CancelStepAsync(actor);
        if (cancelled.Value is { Status: OrderStatuses.Cancelled } order && WalkedAway(order))
        {
            await GrainFactory.GetGrain<IAuctionGrain>(auctionId).PaymentMissedAsync(OrderId);
        }

        return cancelled;
    }

    private Task<Result<OrderView>> CancelStepAsync(Actor actor) =>
        StepAsync(actor, OrderStatuses.Cancelled, [OrderStatuses.AwaitingPayment, OrderStatuses.Placed, OrderStatuses.Processing], MayCancel, async view =>
        {
            if (AnyShipped(view))
            {
                return new DomainError(ErrorCodes.InvalidOrderTransition, "A seller has shipped part of this order: it can no longer be cancelled.");
            }

            if (view.Status == OrderStatuses.AwaitingPayment)
            {
                // Nothing was held yet; a card checkout reserved its stock and may have used a coupon.
                return view.AuctionId is null ? await ReleaseUnpaidAsync(view) : null;
            }

            await FreeCourierAsync(view);
            await ReleaseHoldAndStockAsync(view);
            if (view.Coupon is { } used)
            {
                // Cancelled before settlement: the coupon's use is given back.
                await GrainFactory.GetGrain<ICouponGrain>(used.Code).ReleaseAsync(OrderId);
            }

            return null;
        });

    /// <summary>An unpaid card checkout's stock and coupon use, given back (inside the cancellation's transaction).</summary>
    private async Task<DomainError?> ReleaseUnpaidAsync(OrderView view)
    {
        foreach (var line in StockedLines(view))
        {
            EnsureResolved(await GrainFactory.GetGrain<IProductStockGrain>(line.ProductId).ReleaseReservationAsync(OrderIds.Reservation(OrderId)), "release the stock");
        }

        if (view.Coupon is { } used)
        {
            await GrainFactory.GetGrain<ICouponGrain>(used.Code).ReleaseAsync(OrderId);
        }

        return null;
    }

    /// <summary>Releases the buyer's hold in full and the order's reserved stock (inside the caller's transaction).</summary>
    private async Task ReleaseHoldAndStockAsync(OrderView view)
    {
        var released = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId)).ReleaseAsync(HoldOf(view));
        EnsureResolved(released, "release the hold");
        foreach (var line in StockedLines(view))
        {
            EnsureResolved(await GrainFactory.GetGrain<IProductStockGrain>(line.ProductId).ReleaseReservationAsync(OrderIds.Reservation(OrderId)), "release the stock");
        }
    }

    Task<Result<OrderView>> IOrderGrain.AcceptAsync(Actor actor) => SellerStepAsync(actor, OrderStatuses.Processing);

    Task<Result<OrderView>> IOrderGrain.ShipAsync(Actor actor) => SellerStepAsync(actor, OrderStatuses.Shipped);

    async Task<Result<OrderView>> IOrderGrain.ShipWithCarrierAsync(Actor actor, IReadOnlyDictionary<Guid, CarrierShipment> shipments)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        if (await ReadAsync() is { } current && IsSeller(current, actor) && current.SellerIds.Where(s => actor.IsAdmin || s == actor.UserId).Any(s => !shipments.ContainsKey(s)))
        {
            return DomainError.Invalid("carrier", "every seller shipping now needs a parcel booked with the carrier");
        }

        return await SellerStepAsync(actor, OrderStatuses.Shipped, (s, moving) =>
        {
            foreach (var seller in moving.Where(shipments.ContainsKey))
            {
                s.Shipments[seller] = shipments[seller];
            }
        });
    }

    async Task<Result<OrderView>> IOrderGrain.CarrierReportAsync(CarrierReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        var eventKey = $"{report.Carrier}:{report.EventId}";
        if (current.Shipments?.GetValueOrDefault(report.SellerId) is not { } shipment || shipment.Carrier != report.Carrier || shipment.TrackingNumber != report.TrackingNumber)
        {
            return new DomainError(ErrorCodes.OrderNotFound, $"No parcel {report.TrackingNumber} of {report.Carrier} belongs to this order.");
        }

        if (report.Status == OrderStatuses.Delivered && current.Status is not (OrderStatuses.Delivered or OrderStatuses.Completed))
        {
            // As for a seller's delivery: registered before the step commits, so no crash leaves it without its completion.
            await this.RegisterOrUpdateReminder(CompletionReminder, settings.CompletionDelay, OneShotReminder.RetryPeriod);
        }

        // The carrier moves its seller's lines only; the event id is recorded in the same write, so a repeat finds it.
        return await SellerStepAsync(new Actor(report.SellerId, IsAdmin: false), report.Status, (s, _) => s.CarrierEvents.Add(eventKey), eventKey);
    }

    /// <summary>A seller no longer delivers: delivery is the courier's proof, the buyer's confirmation, or an admin's word.</summary>
    Task<Result<OrderView>> IOrderGrain.DeliverAsync(Actor actor) =>
        MarkDeliveredAsync(actor, DeliveryMethods.Admin, (_, a) => a.IsAdmin);

    Task<Result<OrderView>> IOrderGrain.CompleteAsync(Actor actor) =>
        StepAsync(actor, OrderStatuses.Completed, [OrderStatuses.Delivered], (view, a) => a.IsAdmin || a.UserId == view.BuyerId, async view =>
        {
            (var refusal, view) = await RemainingAfterReturnsAsync(view);
            if (refusal is not null || view.Total == 0)
            {
                return refusal ?? await ReleaseFullyRefundedAsync(view);
            }

            var shares = Settlement.Scale(SplitOf(view), view.Total);
            var captured = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId))
                .CaptureAsync(HoldOf(view), view.Total, shares);
            EnsureResolved(captured, "capture the hold");
            if (view.Coupon is { FundedBy: CouponFunding.Platform } && await PayCouponSubsidyAsync(view) is { } platformShort)
            {
                return platformShort;
            }

            foreach (var line in StockedLines(view))
            {
                EnsureResolved(await GrainFactory.GetGrain<IProductStockGrain>(line.ProductId).CommitReservationAsync(OrderIds.Reservation(OrderId)), "sell the reserved stock");
            }

            await AwardSalePointsAsync(view);
            if (await PayCommissionAsync(view) is { } unpaid)
            {
                return unpaid;
            }

            await TransferToConnectedAccountsAsync(view, shares);
            return null;
        });

    /// <summary>
    /// A platform-funded coupon: the platform pays each seller what the coupon took off their sales (less the fee
    /// difference, <see cref="Settlement.CouponSubsidies"/>) out of its wallet, as a hold captured at once, inside the
    /// completion's transaction. A platform wallet without the money refuses the completion, which is tried again later.
    /// </summary>
    private async Task<DomainError?> PayCouponSubsidyAsync(OrderView view)
    {
        var subsidies = Settlement.CouponSubsidies(view.Items, settings.PlatformFeeBps);
        var amount = subsidies.Sum(p => p.Amount);
        if (amount == 0)
        {
            return null;
        }

        var platform = GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Platform);
        var held = await platform.HoldAsync(OrderIds.CouponSubsidy(OrderId), amount, OrderIds.Reference(OrderId), null);
        if (held.Error is { } platformShort)
        {
            return platformShort with { Detail = $"The platform wallet cannot fund the coupon of this order yet: {platformShort.Detail}" };
        }

        EnsureResolved(await platform.CaptureAsync(OrderIds.CouponSubsidy(OrderId), amount, subsidies), "pay the platform's coupon");
        return null;
    }

    /// <summary>
    /// Both reminders are one-shot deadlines registered with a retry period (Orleans has no one-shot reminder): each
    /// tick does whatever of the deadline's work is still to do, and the reminder is unregistered only once that work
    /// has committed, so a tick that fails or finds the work not yet possible is simply repeated a period later.
    /// </summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case PaymentReminder:
                await PaymentDeadlineAsync();
                break;
            case CompletionReminder:
                await CompletionDueAsync();
                break;
            default:
                // Not a reminder this grain registers: it would otherwise tick every period for ever.
                await OneShotReminder.CompleteAsync(this, reminderName);
                break;
        }
    }

    /// <summary>
    /// A delivered order completes by itself after the delay. The reminder stays while the order is delivered (the
    /// completion has not committed yet) and goes once it is anything else: completed, or not delivered after all.
    /// </summary>
    private async Task CompletionDueAsync()
    {
        if ((await ReadAsync())?.Status == OrderStatuses.Delivered)
        {
            await ((IOrderGrain)this).CompleteAsync(Actor.System);
        }

        if ((await ReadAsync())?.Status != OrderStatuses.Delivered)
        {
            await OneShotReminder.CompleteAsync(this, CompletionReminder);
        }
    }

    /// <summary>
    /// A pay-after-win order still unpaid at its deadline is cancelled, and its auction told (at least once: the reminder
    /// is also registered when a winner cancels their own auction order, which the auction hears of the same way; the
    /// reminder stays until the auction has heard of it) so that it records the default and offers a second chance.
    /// The reminder stays while the order awaits payment (a tick before the deadline by this grain's clock changes
    /// nothing) and goes once it is anything else: paid, cancelled and told, or never placed.
    /// </summary>
    private async Task PaymentDeadlineAsync()
    {
        var view = await ReadAsync();
        if (view is { Status: OrderStatuses.AwaitingPayment } && timeProvider.GetUtcNow() >= view.PaymentDueAt)
        {
            await ((IOrderGrain)this).CancelAsync(Actor.System);
            view = await ReadAsync();
        }

        if (view is { Status: OrderStatuses.Cancelled, AuctionId: { } auctionId } && (view.History.All(e => e.Status != OrderStatuses.Placed) || WalkedAway(view)))
        {
            await GrainFactory.GetGrain<IAuctionGrain>(auctionId).PaymentMissedAsync(OrderId);
        }

        if (view?.Status != OrderStatuses.AwaitingPayment)
        {
            await OneShotReminder.CompleteAsync(this, PaymentReminder);
        }
    }

    /// <summary>Whether the buyer cancelled the order themself: for an auction's order, the winner walking away.</summary>
    private static bool WalkedAway(OrderView view) =>
        view.History.LastOrDefault(e => e.Status == OrderStatuses.Cancelled) is { } cancelled && cancelled.ActorId == view.BuyerId;

    /// <summary>
    /// Moves the order from one of <paramref name="from"/> to <paramref name="to"/> in one transaction with the
    /// <paramref name="effects"/> on other grains (which may refuse, changing nothing). Repeating a step that already
    /// happened returns the order as it is.
    /// </summary>
    private async Task<Result<OrderView>> StepAsync(Actor actor, string to, string[] from, Func<OrderView, Actor, bool> allowed, Func<OrderView, Task<DomainError?>>? effects)
    {
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (!allowed(current, actor))
        {
            // Someone who is not a party must not learn that the order exists.
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, $"You may not make this order {to}.") : NotFound();
        }

        if (current.Status == to)
        {
            return current;
        }

        DomainError? refusal = null;
        await transactions.RunAsync(async () =>
        {
            refusal = null;
            var view = await order.PerformRead(View);
            if (view!.Status == to)
            {
                return true;
            }

            if (!from.Contains(view.Status))
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} cannot become {to}.");
                return false;
            }

            if (effects is not null && await effects(view) is { } refused)
            {
                refusal = refused;
                return false;
            }

            var now = timeProvider.GetUtcNow();
            await order.PerformUpdate(s =>
            {
                s.Status = to;
                s.History.Add(new OrderEvent(to, actor.UserId, now));
            });
            return true;
        });

        return refusal is not null ? refusal : (await ReadAsync())!;
    }

    /// <summary>
    /// A seller's step of their own lines (an admin's moves every seller): the order's status follows the least
    /// advanced seller, so an order with several sellers becomes shipped when the last of them ships.
    /// </summary>
    private async Task<Result<OrderView>> SellerStepAsync(Actor actor, string to, Action<OrderState, IReadOnlyList<Guid>>? alongside = null, string? carrierEvent = null)
    {
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (!IsSeller(current, actor))
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, $"Only the order's sellers make it {to}.") : NotFound();
        }

        DomainError? refusal = null;
        await transactions.RunAsync(async () =>
        {
            refusal = null;
            var view = (await order.PerformRead(View))!;
            if (carrierEvent is not null && await order.PerformRead(s => s.CarrierEvents.Contains(carrierEvent)))
            {
                return true;
            }

            if (view.Status is OrderStatuses.Cancelled or OrderStatuses.Completed or OrderStatuses.AwaitingPayment)
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} cannot become {to}.");
                return false;
            }

            if (to == OrderStatuses.Shipped && view.ShippingAddress is null)
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, "The buyer has not said where to ship yet.");
                return false;
            }

            if (to == OrderStatuses.Shipped && view.CourierId is not null)
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, "A courier has claimed this order: the courier picks it up.");
                return false;
            }

            var sellers = actor.IsAdmin ? view.SellerIds.ToList() : [actor.UserId];
            var moving = sellers.Where(seller => Rank(view.Fulfilment.GetValueOrDefault(seller, OrderStatuses.Placed)) < Rank(to)).ToList();
            if (moving.FirstOrDefault(seller => !Precedes(view.Fulfilment.GetValueOrDefault(seller, OrderStatuses.Placed), to)) is var behind && behind != Guid.Empty)
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, $"The lines of seller {behind} are {view.Fulfilment.GetValueOrDefault(behind, OrderStatuses.Placed)}: they cannot become {to} yet.");
                return false;
            }

            if (moving.Count == 0)
            {
                return true;
            }

            var now = timeProvider.GetUtcNow();
            if (to == OrderStatuses.Shipped)
            {
                await PenalizeLateShippingAsync(view, moving, now);
            }

            await order.PerformUpdate(s =>
            {
                foreach (var seller in moving)
                {
                    s.Fulfilment[seller] = to;
                }

                alongside?.Invoke(s, moving);

                var status = s.Lines.Select(l => l.SellerId).Distinct().Select(seller => s.Fulfilment.GetValueOrDefault(seller, OrderStatuses.Placed)).MinBy(Rank)!;
                if (status != s.Status)
                {
                    s.Status = status;
                    s.History.Add(new OrderEvent(status, actor.UserId, now));
                }
            });
            return true;
        });

        return refusal is not null ? refusal : (await ReadAsync())!;
    }

    /// <summary>Whether a seller has shipped their lines: from then on the order can neither be cancelled nor readdressed.</summary>
    private static bool AnyShipped(OrderView view) => view.Fulfilment.Values.Any(step => Rank(step) >= Rank(OrderStatuses.Shipped));

    /// <summary>How far a step is along placed → processing → shipped → out for delivery → delivered.</summary>
    private static int Rank(string step) => step switch
    {
        OrderStatuses.Placed => 0,
        OrderStatuses.Processing => 1,
        OrderStatuses.Shipped => 2,
        OrderStatuses.OutForDelivery => 3,
        OrderStatuses.Delivered => 4,
        _ => 5,
    };

    /// <summary>Whether a seller's lines at <paramref name="step"/> may move to <paramref name="to"/>: the step just before it (a parcel the seller ships itself is never out for delivery with a courier).</summary>
    private static bool Precedes(string step, string to) =>
        Rank(step) == Rank(to) - 1 || (to == OrderStatuses.Delivered && step == OrderStatuses.Shipped);

    private async Task<OrderView?> ReadAsync()
    {
        OrderView? view = null;
        await transactions.RunAsync(async () => view = await order.PerformRead(View));
        return view;
    }

    private OrderView? View(OrderState s) => s.Status is null
        ? null
        : new OrderView(OrderId, s.BuyerId, s.Status, s.Total, [.. s.Lines], s.ShippingAddress, [.. s.History], s.CourierId, s.CreatedAt, new Dictionary<Guid, string>(s.Fulfilment), s.AuctionId, s.PaymentDueAt, s.ShippingCharge, new Dictionary<Guid, CarrierShipment>(s.Shipments)) { Delivery = s.Delivery, Dispute = s.Dispute, Coupon = s.Coupon, Referral = s.Referral, Payment = s.Payment };

    /// <summary>The hold that pays for the order: an auction's order took over the winner's auction hold.</summary>
    private string HoldOf(OrderView view) =>
        view is { AuctionId: { } auctionId, PaymentDueAt: null } ? AuctionIds.Hold(auctionId, view.BuyerId) : OrderIds.Hold(OrderId);

    /// <summary>The lines whose stock the order reserved: none for an auction's order, whose item is the auction.</summary>
    private static IEnumerable<OrderLine> StockedLines(OrderView view) => view.AuctionId is null ? view.Items : [];

    /// <summary>Whether a platform carrier took every seller's parcel: then the shipping charge is the platform's.</summary>
    private static bool ByPlatformCarrier(OrderView view) => view.Shipments is { Count: > 0 } shipments && view.SellerIds.All(shipments.ContainsKey);

    private static bool IsSeller(OrderView view, Actor actor) => actor.IsAdmin || view.SellerIds.Contains(actor.UserId);

    /// <summary>An unpaid auction win is not the buyer's to cancel: it ends at its deadline, as a payment violation. An unpaid card checkout is.</summary>
    private static bool MayCancel(OrderView view, Actor actor) =>
        actor.IsAdmin
        || (view.Status != OrderStatuses.AwaitingPayment && (actor.UserId == view.BuyerId || view.SellerIds.All(s => s == actor.UserId)))
        || (view is { Status: OrderStatuses.AwaitingPayment, AuctionId: null } && actor.UserId == view.BuyerId);

    /// <summary>A hold or reservation the order placed must resolve: anything else is a broken invariant, which aborts the step.</summary>
    private void EnsureResolved<T>(Result<T> result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Order {OrderId} could not {what}: {result.Error!.Code} {result.Error.Detail}");
        }
    }

    /// <summary>An order that exists already answers its placement by the same buyer; to anyone else it does not exist.</summary>
    private static Result<OrderView> PlacedFor(OrderView order, Guid buyerId) => order.BuyerId == buyerId ? order : NotFound();

    private static DomainError NotFound() => new(ErrorCodes.OrderNotFound, "The order was not found.");
}
