using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace GrainMarket.Cluster.Tests;

/// <summary>SIGTERM on a silo that serves HTTP: the drain, the request in flight, and how the silo leaves the cluster.</summary>
public sealed class GracefulShutdownTests
{
    private const string Password = "graceful shutdown password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_in_flight_at_SIGTERM_gets_its_answer_after_readiness_turned_503_and_the_listener_closed_and_the_silo_exits_0_as_Dead()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 1, Ct);

        // A drain long enough for the test to see readiness fail while the silo serves (it polls every 100 ms), short
        // enough that the blocked request below stays well within the silo's 15 s response timeout.
        var victim = cluster.StartSilo("silo-draining", new Dictionary<string, string> { ["GRAINMARKET_DRAIN_SECONDS"] = "3" });
        await cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(90), Ct);
        await WaitForAsync(victim, "/readyz", HttpStatusCode.OK, "the new silo to be ready");

        // The registration's write waits for the test: it holds a lock on the users table (the read model the user
        // grain writes in the same PostgreSQL transaction as its state) until the listener has closed. So the request is
        // in flight, in the endpoint and down to the database, when SIGTERM arrives and for the whole drain.
        var email = $"drain-{Guid.NewGuid():N}@cluster.test";
        await using var blocker = await cluster.Database.OpenConnectionAsync(Ct);
        await using var transaction = await blocker.BeginTransactionAsync(Ct);
        await using (var lockUsers = new NpgsqlCommand("LOCK TABLE users IN SHARE MODE", blocker, transaction))
        {
            await lockUsers.ExecuteNonQueryAsync(Ct);
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var answer = client.PostAsJsonAsync(new Uri(BaseOf(victim), "/api/auth/register"), new { email, password = Password, displayName = "Drained", roles = new[] { "buyer" } }, Ct);
        await WaitForBlockedWriteAsync(cluster, answer);

        victim.Terminate();

        // Draining: not ready, yet still taking new connections and answering them.
        await WaitForAsync(victim, "/readyz", HttpStatusCode.ServiceUnavailable, "readiness to fail after SIGTERM");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(victim, "/healthz"));
        Assert.False(answer.IsCompleted, "the request in flight was answered before the drain ended");

        // Drained: the listener is closed, and the request is still in flight.
        await WaitUntilRefusedAsync(victim);
        Assert.False(answer.IsCompleted, "the request in flight was answered before the listener closed");
        Assert.False(victim.HasExited, "the silo exited with a request in flight");

        // Its answer is the real one: the account exists, and the other silo logs it in.
        await transaction.RollbackAsync(Ct);
        using var response = await answer.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        // Registration conceals registered addresses by default: 202 whether or not the address was new.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await victim.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(0, victim.ExitCode);
        Assert.Equal(SiloStatus.Dead, await cluster.StatusOfAsync(victim, Ct));

        using var login = await client.PostAsJsonAsync(new Uri(BaseOf(cluster.Silos[0]), "/api/auth/login"), new { email, password = Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(email, (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("user").GetProperty("email").GetString());
        Assert.Contains("Stopping: /readyz answers 503", victim.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_told_to_stop_while_it_is_still_starting_exits_0_and_logs_that_it_stopped_before_it_finished_starting()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 1, Ct);
        var late = cluster.StartSilo("silo-stopped-early");

        // Orleans has begun to start the silo (it initializes before it joins the cluster, and the HTTP listener binds
        // only after that): SIGTERM now cancels the host's start.
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            while (!late.ReadLog().Contains("Initializing silo", StringComparison.Ordinal))
            {
                await Task.Delay(20, limit.Token);
            }
        }

        late.Terminate();
        await late.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(0, late.ExitCode);
        Assert.Contains("Stopped before it finished starting.", late.ReadLog(), StringComparison.Ordinal);
    }

    /// <summary>Waits until a PostgreSQL session of the cluster waits for the lock on <c>users</c>: the registration's write.</summary>
    private static async Task WaitForBlockedWriteAsync(TestCluster cluster, Task<HttpResponseMessage> answer)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                Assert.False(answer.IsCompleted, "the registration was answered without writing its user");
                await using var waiting = cluster.Database.CreateCommand("SELECT count(*) FROM pg_locks WHERE relation = 'users'::regclass AND NOT granted");
                if ((long)(await waiting.ExecuteScalarAsync(limit.Token))! > 0)
                {
                    return;
                }

                await Task.Delay(50, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail("Waited 30 s for the registration to wait for its write to users");
        }
    }

    private static Uri BaseOf(SiloProcess silo) => new($"http://127.0.0.1:{silo.HttpPort}");

    /// <summary>The status of a GET on a connection of its own (closed after the answer).</summary>
    private static async Task<HttpStatusCode> StatusAsync(SiloProcess silo, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseOf(silo), path));
        request.Headers.ConnectionClose = true;
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static async Task WaitForAsync(SiloProcess silo, string path, HttpStatusCode expected, string what)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        var last = "no answer yet";
        try
        {
            while (true)
            {
                try
                {
                    var status = await StatusAsync(silo, path);
                    if (status == expected)
                    {
                        return;
                    }

                    last = $"{(int)status}";
                }
                catch (HttpRequestException exception)
                {
                    // Before the silo listens; after the drain, the test has missed it and fails below.
                    last = exception.Message;
                }

                await Task.Delay(100, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Waited 60 s for {what}: GET {path} on {silo.Name} last answered {last}");
        }
    }

    private static async Task WaitUntilRefusedAsync(SiloProcess silo)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, silo.HttpPort, limit.Token);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return;
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"{silo.Name} still accepted connections 60 s after it was asked to stop");
            }

            await Task.Delay(100, limit.Token);
        }
    }
}
