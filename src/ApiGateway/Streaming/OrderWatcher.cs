using System.Net.WebSockets;
using System.Security.Claims;
using System.Threading.Channels;
using GrainMarket.ApiGateway.Apis;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Orders;
using Microsoft.Extensions.Options;
using Orleans;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// One WebSocket tracking orders: one order (<see cref="RunAsync"/>: its state, then every event after it; a watcher
/// that came back with <c>?after=</c> gets the events it missed first, then the state), or all of the caller's active orders (<see cref="RunAllAsync"/>: each order's state, then its events,
/// interleaved, each tagged with its order's id, and the orders the caller becomes a party of as they come). Watchers
/// send nothing: a message closes the socket with a policy violation.
/// </summary>
internal sealed class OrderWatcher(
    WebSocket socket,
    ClaimsPrincipal user,
    OrderEventFeed feed,
    IGrainFactory grains,
    MarketplaceSettings settings,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
    TimeProvider time,
    ILogger<OrderWatcher> logger) : WebSocketWatcher(socket, jsonOptions.Value.SerializerOptions, time)
{
    /// <summary>Streams one order until the watcher or the server closes, or the connection fails.</summary>
    public async Task RunAsync(OrderView order, long after, CancellationToken stopping)
    {
        var (open, replayed) = await StartReplayAsync(after, order.History.Count, Serialize(new StateMessage(order.History.Count, null, OrderResponse.For(order, user, settings.Currency))));
        if (!open)
        {
            return;
        }

        using var subscription = feed.Subscribe(order.Id, after, EventFeed.Backlog);
        await ServeAsync(pushing => PushAsync(subscription, ReconnectAfter, pushing, replayed), "reconnect with ?after=the last sequence you have.", stopping);
    }

    /// <summary>Streams the caller's active orders, and those it becomes a party of, until the watcher or the server closes.</summary>
    public async Task RunAllAsync(CancellationToken stopping)
    {
        var joined = Channel.CreateUnbounded<Guid?>(new UnboundedChannelOptions { SingleReader = true });

        // Watching for new orders before listing the current ones, so that none placed in between is missed.
        using var parties = feed.WatchParties(user.UserId(), order => joined.Writer.TryWrite(order));
        joined.Writer.TryWrite(null);
        await ServeAsync(pushing => PushAllAsync(joined.Reader, pushing), "reconnect.", stopping);
    }

    protected override Task OnMessageAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken stopping) =>
        CloseAsync(WebSocketCloseStatus.PolicyViolation, "This stream takes no messages.");

    /// <summary>Adds each order that comes on <paramref name="joined"/> (null: the current list) once, up to <see cref="OrderStreamApi.MaxOrders"/>, and pushes their events.</summary>
    private async Task PushAllAsync(ChannelReader<Guid?> joined, CancellationToken cancellationToken)
    {
        var watched = new Dictionary<Guid, (EventSubscription Subscription, Task Pushing)>();
        try
        {
            await foreach (var order in joined.ReadAllAsync(cancellationToken))
            {
                var orders = order is { } id ? [id] : await feed.ActiveOrdersAsync(user.UserId(), OrderStreamApi.MaxOrders, cancellationToken);
                foreach (var orderId in orders.Where(o => !watched.ContainsKey(o)).Take(OrderStreamApi.MaxOrders - watched.Count))
                {
                    if (await StartAsync(orderId, cancellationToken) is { } subscription)
                    {
                        watched[orderId] = (subscription, PushAsync(subscription, _ => $"Too far behind on order {orderId:D}: reconnect.", cancellationToken));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher is gone.
        }
        catch (Exception exception)
        {
            // The list of orders or an order's state could not be read (the database, a silo): the watcher cannot know
            // which orders it follows any more, so it comes back for a fresh list.
            logger.LogWarning(exception, "A watcher of all its orders lost track of them; its socket is closed");
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "The server lost track of your orders: reconnect.");
        }
        finally
        {
            await Task.WhenAll(watched.Values.Select(w => w.Pushing));
            foreach (var (subscription, _) in watched.Values)
            {
                subscription.Dispose();
            }
        }
    }

    /// <summary>Sends the order's state and subscribes to what follows it; null when the caller is not (or no longer) a party, or the socket is closing.</summary>
    private async Task<EventSubscription?> StartAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await grains.GetGrain<IOrderGrain>(orderId).GetAsync();
        if (order is null || !order.IsParty(user.UserId()))
        {
            logger.LogDebug("Order {OrderId} is not one of the watcher's: left out", orderId);
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await SendAsync(Serialize(new StateMessage(order.History.Count, null, OrderResponse.For(order, user, settings.Currency))))
            ? feed.Subscribe(orderId, order.History.Count, EventFeed.Backlog)
            : null;
    }
}
