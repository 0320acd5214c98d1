using GrainMarket.ApiGateway.Streaming;

namespace GrainMarket.ApiGateway.Extensions;

public static class LiveStreamExtensions
{
    /// <summary>How often the server pings a WebSocket, and how long it waits for the pong before it drops the connection.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The live streams of auctions, orders and notifications: one <see cref="AuctionEventFeed"/>, <see cref="OrderEventFeed"/> and <see cref="NotificationEventFeed"/> per
    /// gateway (hosted singletons, each listening on PostgreSQL) and WebSockets that ping every <see cref="KeepAlive"/>
    /// and drop a watcher that stops answering.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketLiveStream(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuctionEventFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuctionEventFeed>());
        builder.Services.AddSingleton<OrderEventFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderEventFeed>());
        builder.Services.AddSingleton<NotificationEventFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationEventFeed>());
        builder.Services.AddSingleton<ChatEventFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatEventFeed>());
        builder.Services.Configure<WebSocketOptions>(options =>
        {
            options.KeepAliveInterval = KeepAlive;
            options.KeepAliveTimeout = KeepAlive;
        });
        return builder;
    }
}
