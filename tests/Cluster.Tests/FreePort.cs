using System.Net;
using System.Net.Sockets;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// A TCP port on 127.0.0.1 that nothing listens on right now and that this process has not handed out before:
/// the OS may offer a just-released port again, and two silos must never be given the same one.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
