using GrainMarket.Common;
using GrainMarket.Delivery;
using GrainMarket.Notifications;

namespace GrainMarket.Orders;

/// <summary>
/// The order's delivery steps (<see cref="IOrderDeliveryGrain"/>): claims, pickup and proof by a courier, the buyer's
/// confirmation and dispute, an admin's resolution. Same invariants as the rest of the grain: every step reads the
/// order again inside its transaction; the courier grain is only ever called from here, inside the order's transaction.
/// </summary>
public sealed partial class OrderGrain : IOrderDeliveryGrain
{
    async Task<Result<OrderView>> IOrderDeliveryGrain.ClaimAsync(Guid courierId)
    {
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (current.CourierId == courierId)
        {
            return current;
        }

        return await DeliveryStepAsync(view =>
        {
            if (view.CourierId == courierId)
            {
                return Done;
            }

            if (view.CourierId is not null)
            {
                return new DomainError(ErrorCodes.OrderAlreadyClaimed, "Another courier has claimed this order.");
            }

            return ReadyForPickup(view) ? null : new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} (or shipped by a seller, or without an address) is not ready for pickup.");
        }, async _ =>
        {
            if (!await GrainFactory.GetGrain<ICourierGrain>(courierId).TakeAsync(OrderId))
            {
                return new DomainError(ErrorCodes.CourierAtCapacity, $"You already have {ICourierGrain.MaxActive} active orders: deliver or release one first.", null, new Dictionary<string, long> { ["maxActive"] = ICourierGrain.MaxActive });
            }

            return null;
        }, (s, now) =>
        {
            s.CourierId = courierId;
            s.History.Add(new OrderEvent(DeliveryEvents.Claimed, courierId, now));
        });
    }

    async Task<Result<OrderView>> IOrderDeliveryGrain.ReleaseAsync(Actor actor)
    {
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (current.CourierId is null && current.History.LastOrDefault(e => e.Status == DeliveryEvents.Released)?.ActorId == actor.UserId)
        {
            // A repeated release by whoever released it: the order as it stands.
            return current;
        }

        if (!actor.IsAdmin && actor.UserId != current.CourierId)
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only the order's courier or an admin releases its claim.") : NotFound();
        }

        return await DeliveryStepAsync(view =>
        {
            if (view.CourierId is null)
            {
                return Done;
            }

            return ReadyForPickup(view with { CourierId = null }) ? null : new DomainError(ErrorCodes.InvalidOrderTransition, "The courier has picked this order up: it can no longer be released.");
        }, FreeCourierAsync, (s, now) =>
        {
            s.CourierId = null;
            s.History.Add(new OrderEvent(DeliveryEvents.Released, actor.UserId, now));
        });
    }

    async Task<Result<OrderView>> IOrderDeliveryGrain.AdvanceAsync(Actor actor)
    {
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (actor.UserId != current.CourierId)
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only the order's courier advances it.") : NotFound();
        }

        DeliveryProof? issued = null;
        var advanced = await DeliveryStepAsync(view =>
        {
            issued = null;
            return view.CourierId != actor.UserId
                ? NotFound()
                : view.Status switch
                {
                    OrderStatuses.Processing when ReadyForPickup(view with { CourierId = null }) => null,
                    OrderStatuses.Shipped => null,
                    _ => new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} has no next step for its courier."),
                };
        }, null, (s, now) =>
        {
            var to = s.Status == OrderStatuses.Processing ? OrderStatuses.Shipped : OrderStatuses.OutForDelivery;
            MoveEverySeller(s, to);
            if (to == OrderStatuses.Shipped)
            {
                issued = ProofSecrets.Issue((s.Proof?.Generation ?? 0) + 1);
                s.Proof = issued;
            }

            s.History.Add(new OrderEvent(to == OrderStatuses.Shipped ? DeliveryEvents.PickedUp : DeliveryEvents.OutForDelivery, actor.UserId, now));
        });

        if (advanced.Succeeded && issued is not null)
        {
            await SendProofAsync(current.BuyerId, issued);
        }

        return advanced;
    }

    async Task<Result<OrderView>> IOrderDeliveryGrain.SubmitProofAsync(Actor actor, ProofSubmission proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (actor.UserId != current.CourierId)
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only the order's courier presents its proof.") : NotFound();
        }

        if (current.Delivery?.By == actor.UserId && current.Status is OrderStatuses.Delivered or OrderStatuses.Completed)
        {
            // A repeat of the proof that delivered it.
            return current;
        }

        DeliveryProof? stored = null;
        await transactions.RunAsync(async () => stored = await order.PerformRead(s => s.Proof));
        if (stored is not null && !stored.Locked && ProofSecrets.Matches(stored, proof) && current.Status is OrderStatuses.Shipped or OrderStatuses.OutForDelivery)
        {
            // Registered before the delivery commits, as an admin's delivery does; a tick that finds it not delivered unregisters.
            await this.RegisterOrUpdateReminder(CompletionReminder, settings.CompletionDelay, OneShotReminder.RetryPeriod);
        }

        DomainError? refusal = null;
        await transactions.RunAsync(async () =>
        {
            refusal = null;
            var (view, issued) = await order.PerformRead(s => (View(s)!, s.Proof));
            if (view.CourierId != actor.UserId)
            {
                refusal = NotFound();
                return false;
            }

            if (view.Status is not (OrderStatuses.Shipped or OrderStatuses.OutForDelivery) || issued is null)
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} takes no proof.");
                return false;
            }

            if (issued.Locked)
            {
                refusal = WrongProof(issued);
                return false;
            }

            var now = timeProvider.GetUtcNow();
            if (!ProofSecrets.Matches(issued, proof))
            {
                // The wrong try commits its count: the refusal is the answer, not an abort.
                var counted = issued with { FailedAttempts = issued.FailedAttempts + 1 };
                await order.PerformUpdate(s =>
                {
                    s.Proof = counted;
                    s.History.Add(new OrderEvent(DeliveryEvents.ProofFailed, actor.UserId, now));
                    if (counted.Locked)
                    {
                        s.History.Add(new OrderEvent(DeliveryEvents.ProofLocked, actor.UserId, now));
                    }
                });
                refusal = WrongProof(counted);
                return true;
            }

            await FreeCourierAsync(view);
            var method = proof.Pin is not null ? DeliveryMethods.Pin : DeliveryMethods.QrCode;
            await order.PerformUpdate(s => Deliver(s, new DeliveryRecord(actor.UserId, now, method, proof.Latitude, proof.Longitude)));
            return true;
        });

        return refusal is not null ? refusal : (await ReadAsync())!;
    }

    async Task<Result<ProofView>> IOrderDeliveryGrain.GetProofAsync(Actor actor)
    {
        OrderView? view = null;
        DeliveryProof? proof = null;
        await transactions.RunAsync(async () => (view, proof) = await order.PerformRead(s => (View(s), s.Proof)));
        if (view is null || actor.UserId != view.BuyerId)
        {
            return NotFound();
        }

        return proof is null
            ? new DomainError(ErrorCodes.NotFound, "The order has no proof of delivery yet: it is issued when the courier picks the order up.")
            : new ProofView(proof.Pin, proof.QrToken, Math.Max(0, IOrderDeliveryGrain.ProofAttempts - proof.FailedAttempts), proof.Locked);
    }

    async Task<Result<OrderView>> IOrderDeliveryGrain.ResetProofAsync(Actor actor)
    {
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (!IsSeller(current, actor))
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only a seller of the order or an admin resets its proof.") : NotFound();
        }

        DeliveryProof? issued = null;
        var reset = await DeliveryStepAsync(view =>
        {
            issued = null;
            return view.Status is OrderStatuses.Shipped or OrderStatuses.OutForDelivery && view.CourierId is not null
                ? null
                : new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} has no proof to reset.");
        }, null, (s, now) =>
        {
            issued = ProofSecrets.Issue((s.Proof?.Generation ?? 0) + 1);
            s.Proof = issued;
            s.History.Add(new OrderEvent(DeliveryEvents.ProofReset, actor.UserId, now));
        });

        if (reset.Succeeded && issued is not null)
        {
            await SendProofAsync(current.BuyerId, issued);
        }

        return reset;
    }

    Task<Result<OrderView>> IOrderDeliveryGrain.ConfirmDeliveryAsync(Actor actor) =>
        MarkDeliveredAsync(actor, DeliveryMethods.BuyerConfirmation, (view, a) => a.UserId == view.BuyerId);

    /// <summary>
    /// Shipped or out for delivery → delivered, by the buyer's confirmation or an admin: the courier's slot is freed in
    /// the same transaction, and the completion reminder is registered (the delay restarts) before it commits.
    /// </summary>
    private async Task<Result<OrderView>> MarkDeliveredAsync(Actor actor, string method, Func<OrderView, Actor, bool> allowed)
    {
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (!allowed(current, actor))
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only the buyer (or an admin) marks the order delivered.") : NotFound();
        }

        if (current.Status is OrderStatuses.Shipped or OrderStatuses.OutForDelivery)
        {
            await this.RegisterOrUpdateReminder(CompletionReminder, settings.CompletionDelay, OneShotReminder.RetryPeriod);
        }

        return await DeliveryStepAsync(view => view.Status switch
        {
            OrderStatuses.Delivered or OrderStatuses.Completed => Done,
            OrderStatuses.Shipped or OrderStatuses.OutForDelivery => null,
            _ => new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} cannot become delivered."),
        }, FreeCourierAsync, (s, now) => Deliver(s, new DeliveryRecord(actor.UserId, now, method, null, null)));
    }

    async Task<Result<OrderView>> IOrderDeliveryGrain.DisputeAsync(Actor actor, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (actor.UserId != current.BuyerId)
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only the buyer disputes an order.") : NotFound();
        }

        var disputed = await DeliveryStepAsync(view => view.Status switch
        {
            OrderStatuses.Disputed => Done,
            OrderStatuses.Shipped or OrderStatuses.OutForDelivery or OrderStatuses.Delivered => null,
            _ => new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} cannot be disputed."),
        }, FreeCourierAsync, (s, now) =>
        {
            s.Dispute = new DisputeRecord(reason, now, s.Status!);
            s.Status = OrderStatuses.Disputed;
            s.History.Add(new OrderEvent(DeliveryEvents.Disputed, actor.UserId, now));
        });

        if (disputed.Value is { Dispute: { } dispute } view)
        {
            await NotifyAsync(view.SellerIds, $"disputed:{OrderId:N}", NotificationTypes.OrderDisputed, "An order is disputed", $"The buyer disputes order {OrderId}: {dispute.Reason}", dispute.OpenedAt);
        }

        return disputed;
    }

    async Task<Result<OrderView>> IOrderDeliveryGrain.ResolveDisputeAsync(Actor actor, string outcome, string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (!DisputeOutcomes.All.Contains(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a dispute outcome.");
        }

        if (await ReadAsync() is not { } current)
        {
            return NotFound();
        }

        if (!actor.IsAdmin)
        {
            return current.IsParty(actor.UserId) ? new DomainError(ErrorCodes.Forbidden, "Only an admin resolves a dispute.") : NotFound();
        }

        if (current.Dispute is { Outcome: { } decided } && decided == outcome)
        {
            // A repeat of the resolution; a release that delivered but did not complete yet is completed below.
            return outcome == DisputeOutcomes.Release && current.Status == OrderStatuses.Delivered ? await ((IOrderGrain)this).CompleteAsync(actor) : current;
        }

        var release = outcome == DisputeOutcomes.Release;
        if (release)
        {
            // Completion follows at once; should it not commit, the reminder completes the delivered order.
            await this.RegisterOrUpdateReminder(CompletionReminder, settings.CompletionDelay, OneShotReminder.RetryPeriod);
        }

        var resolved = await DeliveryStepAsync(view => view.Status == OrderStatuses.Disputed
            ? null
            : new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} has no open dispute."),
            release ? null : async view =>
            {
                await ReleaseHoldAndStockAsync(view);
                return null;
            }, (s, now) =>
            {
                s.Dispute = s.Dispute! with { Outcome = outcome, Note = note, ResolvedAt = now };
                s.History.Add(new OrderEvent(DeliveryEvents.DisputeResolved, actor.UserId, now));
                if (release)
                {
                    // A delivery recorded before the dispute stands; the step itself is the admin's, now.
                    MoveEverySeller(s, OrderStatuses.Delivered);
                    s.Delivery ??= new DeliveryRecord(actor.UserId, now, DeliveryMethods.DisputeReleased, null, null);
                    s.History.Add(new OrderEvent(DeliveryEvents.Delivered, actor.UserId, now));
                }
                else
                {
                    s.Status = OrderStatuses.Cancelled;
                    s.History.Add(new OrderEvent(OrderStatuses.Cancelled, actor.UserId, now));
                }
            });
        if (resolved.Value is not { } view)
        {
            return resolved;
        }

        if (release)
        {
            resolved = await ((IOrderGrain)this).CompleteAsync(actor);
        }

        var title = release ? "Dispute resolved: the order is delivered" : "Dispute resolved: the order is refunded";
        await NotifyAsync(view.SellerIds.Append(view.BuyerId), $"dispute-resolved:{OrderId:N}", NotificationTypes.DisputeResolved, title, $"Order {OrderId}: {note}", view.Dispute!.ResolvedAt!.Value);
        return resolved;
    }

    /// <summary>
    /// A delivery step in one transaction: <paramref name="check"/> the order as the transaction reads it (null: go on;
    /// <see cref="Done"/>: it happened already, answer the order), then the <paramref name="effects"/> on other grains
    /// (a refusal aborts everything), then <paramref name="update"/> the order's state.
    /// </summary>
    private async Task<Result<OrderView>> DeliveryStepAsync(Func<OrderView, DomainError?> check, Func<OrderView, Task<DomainError?>>? effects, Action<OrderState, DateTimeOffset> update)
    {
        DomainError? refusal = null;
        await transactions.RunAsync(async () =>
        {
            refusal = null;
            var view = (await order.PerformRead(View))!;
            if (check(view) is { } refused)
            {
                refusal = ReferenceEquals(refused, Done) ? null : refused;
                return refusal is null;
            }

            if (effects is not null && await effects(view) is { } blocked)
            {
                refusal = blocked;
                return false;
            }

            var now = timeProvider.GetUtcNow();
            await order.PerformUpdate(s => update(s, now));
            return true;
        });

        return refusal is not null ? refusal : (await ReadAsync())!;
    }

    /// <summary>The answer of a check that finds the step done already: commit nothing, answer the order.</summary>
    private static readonly DomainError Done = new(ErrorCodes.OrderAlreadyResolved, "done");

    /// <summary>Ready for a courier: every seller accepted, none shipped, no courier yet, and an address to go to.</summary>
    private static bool ReadyForPickup(OrderView view) =>
        view is { Status: OrderStatuses.Processing, CourierId: null, ShippingAddress: not null } && !AnyShipped(view);

    private static DomainError WrongProof(DeliveryProof proof)
    {
        var left = Math.Max(0, IOrderDeliveryGrain.ProofAttempts - proof.FailedAttempts);
        var figures = new Dictionary<string, long> { ["attemptsLeft"] = left };
        return proof.Locked
            ? new DomainError(ErrorCodes.ProofLocked, "Too many wrong proofs: the proof is locked until a seller or an admin resets it.", null, figures)
            : new DomainError(ErrorCodes.ProofInvalid, $"That is not the buyer's PIN or QR code; {left} tries left.", "pin", figures);
    }

    /// <summary>Frees the courier's slot for this order, if a courier holds one (inside the caller's transaction).</summary>
    private async Task<DomainError?> FreeCourierAsync(OrderView view)
    {
        if (view.CourierId is { } courierId)
        {
            await GrainFactory.GetGrain<ICourierGrain>(courierId).FreeAsync(OrderId);
        }

        return null;
    }

    /// <summary>Makes the order delivered: every seller's lines, the status, the record of who, when and where.</summary>
    private static void Deliver(OrderState s, DeliveryRecord record)
    {
        MoveEverySeller(s, OrderStatuses.Delivered);
        s.Delivery = record;
        s.History.Add(new OrderEvent(DeliveryEvents.Delivered, record.By, record.At));
    }

    private static void MoveEverySeller(OrderState s, string to)
    {
        foreach (var seller in s.Lines.Select(l => l.SellerId).Distinct())
        {
            s.Fulfilment[seller] = to;
        }

        s.Status = to;
    }

    /// <summary>Tells the buyer the proof to give the courier: its notification id names the issue, so a retry is shown once.</summary>
    private Task SendProofAsync(Guid buyerId, DeliveryProof proof) =>
        NotifyAsync([buyerId], $"delivery-proof:{OrderId:N}:{proof.Generation}", NotificationTypes.DeliveryProof, "Your order is on its way",
            $"Give the courier the PIN {proof.Pin} (or show the QR code of order {OrderId}) when it arrives.", timeProvider.GetUtcNow());

    private Task NotifyAsync(IEnumerable<Guid> userIds, string id, string type, string title, string body, DateTimeOffset at) =>
        Task.WhenAll(userIds.Distinct().Select(userId => GrainFactory.GetGrain<INotificationInboxGrain>(userId)
            .AddAsync(new Notification(id, type, title, body, $"/api/orders/{OrderId}", at))));
}
