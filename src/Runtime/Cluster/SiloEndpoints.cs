using GrainMarket.Runtime.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Cluster;

public static class SiloEndpoints
{
    /// <summary>
    /// Maps the silo-to-silo endpoints (calls, manifest, ping) on the silo port only, when this silo is clustered.
    /// </summary>
    public static IEndpointRouteBuilder MapSiloEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var port = endpoints.ServiceProvider.GetService<IOptions<ClusterOptions>>()?.Value.SiloPort;
        if (port is null || endpoints.ServiceProvider.GetService<IncomingCallHandler>() is null)
        {
            return endpoints;
        }

        var silo = endpoints.MapGroup("/silo").RequireHost($"*:{port}").ExcludeFromDescription();
        silo.MapPost("/call", static async (HttpContext context, IncomingCallHandler handler) =>
        {
            var request = await context.Request.ReadFromJsonAsync(SiloJsonContext.Default.SiloCallRequest, context.RequestAborted);
            if (request is null)
            {
                return Results.BadRequest();
            }

            return Results.Json(await handler.HandleAsync(request), SiloJsonContext.Default.SiloCallResponse);
        });
        silo.MapGet("/manifest", static (IncomingCallHandler handler) => Results.Json(handler.Manifest(), SiloJsonContext.Default.DictionaryStringString));
        silo.MapGet("/ping", static () => Results.Ok());
        silo.MapPost("/tx/{id:guid}/prepare", static (Guid id, TransactionRegistry transactions) =>
            Results.Json(transactions.Prepare(id), SiloJsonContext.Default.RemoteVotes));
        silo.MapPost("/tx/{id:guid}/wound", static (Guid id, TransactionRegistry transactions, TransactionAgent agent) =>
        {
            const string Message = "wounded on another silo by an older transaction that needs a lock it holds";
            transactions.Wound(id, Message);
            agent.Wound(id, Message);
            return Results.Ok();
        });
        silo.MapPost("/tx/decide", static async (HttpContext context, TransactionRegistry transactions) =>
        {
            var decision = await context.Request.ReadFromJsonAsync(SiloJsonContext.Default.TransactionDecision, context.RequestAborted);
            if (decision is null)
            {
                return Results.BadRequest();
            }

            transactions.Decide(decision);
            return Results.Ok();
        });
        return endpoints;
    }
}
