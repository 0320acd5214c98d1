using System.Net;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>
/// An in-memory gateway whose every request arrives from <see cref="Peer"/>. TestServer has no socket, so it leaves
/// the connection's remote address empty; a first middleware plays the TCP peer (a proxy, when the settings trust it),
/// and everything after it, forwarded headers included, runs as in production.
/// </summary>
public sealed class PeerAddressFactory(IReadOnlyDictionary<string, string> settings) : GatewayFactory(postgres: false, settings)
{
    public static readonly IPAddress Peer = IPAddress.Parse("192.0.2.10");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFilter>());
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = Peer;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
