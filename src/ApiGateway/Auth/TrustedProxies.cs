using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// <c>GRAINMARKET_TRUSTED_PROXIES</c>: the comma-separated addresses and CIDR networks of the proxies (an Ingress
/// controller's pods) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the gateway believes. From any other
/// peer those headers are ignored, so nobody can pick the address their requests are rate-limited under. None by
/// default: not even loopback, which ASP.NET Core would otherwise trust.
/// </summary>
/// <remarks>
/// ASP.NET Core believes every sender when both of its lists are empty (which is what
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> does), so with no proxy configured no header is processed at all.
/// </remarks>
public static class TrustedProxies
{
    public const string Setting = "GRAINMARKET_TRUSTED_PROXIES";

    public static void Configure(ForwardedHeadersOptions options, string? setting)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.None;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Setting}: '{entry}' is neither an IP address nor a CIDR network (such as 10.0.0.0/8).");
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        }
    }
}
