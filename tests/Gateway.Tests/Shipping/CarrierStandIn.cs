using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Gateway.Tests.Shipping;

/// <summary>
/// A local stand-in of a Delhivery-style carrier API on a loopback port (a real Kestrel server): bookings and return
/// pickups (<c>POST /api/cmu/create.json</c>, one waybill per order reference, repeated bookings answered with the first),
/// labels (<c>GET /api/p/packing_slip</c>) and cancellations (<c>POST /api/p/edit</c>), each refusing a wrong
/// <c>Authorization: Token</c> with 401. It keeps what it was sent, for assertions.
/// </summary>
public sealed class CarrierStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _waybills;

    private CarrierStandIn(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    public string Token { get; }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Each booking by our reference: the waybill and the package as sent.</summary>
    public ConcurrentDictionary<string, (string Waybill, JsonObject Package)> Bookings { get; } = new();

    public ConcurrentDictionary<string, bool> Cancelled { get; } = new();

    /// <summary>When set, every booking is refused with this remark.</summary>
    public string? RefuseBookings { get; set; }

    public static async Task<CarrierStandIn> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new CarrierStandIn(builder.Build(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        standIn.Map();
        await standIn._app.StartAsync(cancellationToken);
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString() != $"Token {Token}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { detail = "Authentication credentials were not provided." });
                return;
            }

            await next(context);
        });
        _app.MapPost("/api/cmu/create.json", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var packages = new JsonArray();
            foreach (var package in body["shipments"]!.AsArray().Select(p => p!.AsObject()))
            {
                var reference = package["order"]!.GetValue<string>();
                if (RefuseBookings is { } remark)
                {
                    return Results.Json(new { success = false, rmk = remark, packages = Array.Empty<object>() });
                }

                var booking = Bookings.GetOrAdd(reference, _ => ($"WB{Interlocked.Increment(ref _waybills).ToString("D8", CultureInfo.InvariantCulture)}", (JsonObject)package.DeepClone()));
                packages.Add(new JsonObject { ["waybill"] = booking.Waybill, ["refnum"] = reference, ["status"] = "Success", ["remarks"] = new JsonArray() });
            }

            return Results.Json(new JsonObject { ["success"] = true, ["packages"] = packages });
        });
        _app.MapGet("/api/p/packing_slip", (string wbns) => Bookings.Values.Any(b => b.Waybill == wbns)
            ? Results.Json(new { packages = new[] { new { wbn = wbns, pdf_download_link = $"https://labels.carrier.test/{wbns}.pdf" } } })
            : Results.Json(new { packages = Array.Empty<object>() }));
        _app.MapPost("/api/p/edit", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var waybill = body["waybill"]!.GetValue<string>();
            if (body["cancellation"]?.GetValue<string>() != "true" || Bookings.Values.All(b => b.Waybill != waybill))
            {
                return Results.Json(new { status = false, remark = "No such waybill" });
            }

            Cancelled[waybill] = true;
            return Results.Json(new { status = true, remark = "Shipment has been cancelled" });
        });
    }
}
