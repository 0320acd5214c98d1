using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orleans.Hosting;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// Where the silo is reached and listens, from the environment:
/// <list type="bullet">
/// <item><c>GRAINMARKET_SILO_ADDRESS</c>: the address other silos and the gateways reach this silo at, an IP address or
/// a host name resolved once at start (default <c>127.0.0.1</c>).</item>
/// <item><c>GRAINMARKET_SILO_PORT</c>: the silo-to-silo port.</item>
/// <item><c>GRAINMARKET_GATEWAY_PORT</c>: the port cluster clients (standalone gateways) connect to; by default the silo
/// port + <see cref="GatewayPortOffset"/> when a silo port is given (11111 → 31111).</item>
/// <item><c>GRAINMARKET_SILO_LISTEN_ANY=true</c>: listen on every address of the host; otherwise (the default, and what
/// the Kubernetes manifests and docker-compose.yml use) only on the advertised address, the pod IP or the address a
/// compose service name resolved to, so that Orleans' ports are not open on other interfaces.</item>
/// </list>
/// A port that is not given is picked free at start (bind port 0, read it, let it go), so that several silos in one
/// process (single-process <c>up</c>, the REST test suite) never collide; Orleans binds it a moment later.
/// </summary>
internal sealed record SiloEndpoints(IPAddress AdvertisedAddress, int SiloPort, int GatewayPort, bool ListenOnAnyAddress)
{
    public const int GatewayPortOffset = 20_000;

    public static SiloEndpoints From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var address = Resolve(configuration["GRAINMARKET_SILO_ADDRESS"] is { Length: > 0 } given ? given.Trim() : "127.0.0.1");
        var listenAny = configuration.GetValue<bool>("GRAINMARKET_SILO_LISTEN_ANY");
        var listenAddress = listenAny ? IPAddress.Any : address;
        var siloPort = Port(configuration, "GRAINMARKET_SILO_PORT");
        var gatewayPort = Port(configuration, "GRAINMARKET_GATEWAY_PORT");

        // The derived gateway port is taken only when it exists and is free: a test's silo port is an ephemeral port,
        // and ephemeral port + 20000 may be past 65535 or already another process's listener.
        if (gatewayPort is null && siloPort is { } port && port + GatewayPortOffset <= IPEndPoint.MaxPort && IsFree(listenAddress, port + GatewayPortOffset))
        {
            gatewayPort = port + GatewayPortOffset;
        }

        var free = FreePorts(listenAddress, (siloPort is null ? 1 : 0) + (gatewayPort is null ? 1 : 0));
        var endpoints = new SiloEndpoints(address, siloPort ?? free.Dequeue(), gatewayPort ?? free.Dequeue(), listenAny);
        if (endpoints.SiloPort == endpoints.GatewayPort)
        {
            throw new InvalidOperationException($"GRAINMARKET_SILO_PORT and GRAINMARKET_GATEWAY_PORT are both {endpoints.SiloPort}; they must differ.");
        }

        return endpoints;
    }

    /// <summary>Advertises the address and ports in the membership table and listens on them (or on any address).</summary>
    public void ApplyTo(ISiloBuilder silo) =>
        silo.ConfigureEndpoints(AdvertisedAddress, SiloPort, GatewayPort, listenOnAnyHostAddress: ListenOnAnyAddress);

    private static IPAddress Resolve(string hostOrAddress)
    {
        if (!IPAddress.TryParse(hostOrAddress, out var address))
        {
            // A compose service name or a pod's DNS name: the silo advertises what it resolves to now.
            var addresses = Dns.GetHostAddresses(hostOrAddress);
            address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException($"GRAINMARKET_SILO_ADDRESS '{hostOrAddress}' resolves to no address.");
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            throw new InvalidOperationException(
                $"GRAINMARKET_SILO_ADDRESS '{hostOrAddress}' is not an address other silos can reach; give the host's address and set GRAINMARKET_SILO_LISTEN_ANY=true to listen on all of them.");
        }

        return address;
    }

    private static int? Port(IConfiguration configuration, string name)
    {
        if (configuration[name] is not { Length: > 0 } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > IPEndPoint.MaxPort)
        {
            throw new InvalidOperationException($"{name} '{text}' is not a TCP port (1-65535).");
        }

        return port;
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary><paramref name="count"/> distinct free ports: every listener is held until all are chosen.</summary>
    private static Queue<int> FreePorts(IPAddress address, int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(address, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return new Queue<int>(listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port));
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
