using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using GrainMarket.Runtime.Cluster;
using GrainMarket.Runtime.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GrainMarket.Silo.Extensions;

public static class SiloExtensions
{
    /// <summary>
    /// Hosts the grain runtime with the marketplace grains in this process. Storage is PostgreSQL from
    /// <c>GRAINMARKET_DB</c>, or memory when <c>GRAINMARKET_IN_MEMORY=true</c> (data lost on exit). With
    /// <c>GRAINMARKET_SILO_PORT</c> set the silo joins the cluster named by <c>GRAINMARKET_CLUSTER_ID</c>.
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration["GRAINMARKET_DB"];
        var inMemory = configuration.GetValue<bool>("GRAINMARKET_IN_MEMORY");
        if (!inMemory && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set GRAINMARKET_DB to an Npgsql connection string, or GRAINMARKET_IN_MEMORY=true to run without one (data is lost on exit).");
        }

        var siloPort = configuration.GetValue<int?>("GRAINMARKET_SILO_PORT");
        if (siloPort is not null && inMemory)
        {
            throw new InvalidOperationException("GRAINMARKET_SILO_PORT needs GRAINMARKET_DB: a cluster shares one PostgreSQL database.");
        }

        builder.Services.AddGrainRuntime(runtime =>
        {
            runtime.AddGrains(GrainsAssembly.Value);
            foreach (var assembly in ExtraGrainAssemblies(configuration["GRAINMARKET_GRAIN_ASSEMBLIES"]))
            {
                runtime.AddGrains(assembly);
            }

            runtime.Configure(options =>
            {
                if (configuration["GRAINMARKET_SILO_NAME"] is { Length: > 0 } name)
                {
                    options.SiloName = name;
                }
            });
            if (inMemory)
            {
                runtime.UseInMemoryStorage();
            }
            else
            {
                runtime.UsePostgres(connectionString!);
            }

            if (siloPort is { } port)
            {
                runtime.UseCluster(cluster => ClusterSettings.Apply(configuration, cluster, port));
            }
        });

        builder.AddGrainMarketAccounts();
        builder.AddGrainMarketOrders();
        builder.AddGrainMarketAuctions();
        builder.AddGrainMarketCatalog();

        if (siloPort is { } listen)
        {
            ListenOnSiloPort(builder, listen);
        }

        if (inMemory)
        {
            builder.Services.AddHostedService<InMemoryWarning>();
        }

        if (configuration.GetValue<int?>("GRAINMARKET_EXIT_WITH_PID") is { } parentId)
        {
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ParentProcessWatch>(sp, parentId));
        }

        return builder;
    }

    /// <summary>
    /// Kestrel serves the configured HTTP URLs and the silo port, which speaks HTTP/2 without TLS. Listening in code
    /// replaces the URLs from configuration, so those are listened on here too.
    /// </summary>
    private static void ListenOnSiloPort(WebApplicationBuilder builder, int siloPort)
    {
        var urls = (builder.Configuration["urls"] ?? "http://127.0.0.1:8080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls)
            {
                var (host, port) = ParseUrl(url);
                if (host is "+" or "*" or "0.0.0.0" or "[::]")
                {
                    kestrel.ListenAnyIP(port);
                }
                else if (host == "localhost")
                {
                    kestrel.ListenLocalhost(port);
                }
                else
                {
                    kestrel.Listen(IPAddress.Parse(host.Trim('[', ']')), port);
                }
            }

            kestrel.ListenAnyIP(siloPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
    }

    private static (string Host, int Port) ParseUrl(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        return colon < 0 ? (rest, 80) : (rest[..colon], int.Parse(rest[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Grain assemblies named in <c>GRAINMARKET_GRAIN_ASSEMBLIES</c> (paths, ';'-separated): for test and diagnostic grains.</summary>
    private static IEnumerable<Assembly> ExtraGrainAssemblies(string? paths) =>
        (paths ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path)));
}
