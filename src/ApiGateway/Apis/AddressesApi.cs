using GrainMarket.Addresses;
using GrainMarket.ApiGateway.Apis.Addresses;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using GrainMarket.Geography;
using GrainMarket.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The signed-in user's address book: saved addresses that checkout and shipping quotes take by id, one of them the
/// default. Another user's address id answers 404, like an id that does not exist.
/// </summary>
public static class AddressesApi
{
    public static RouteGroupBuilder MapAddressesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me/addresses").WithTags("Addresses").RequireAuthorization();
        api.MapGet("/", ListAsync).WithSummary("List my saved addresses.");
        api.MapPost("/", CreateAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Save a new address in my address book.")
            .ProducesProblems(ErrorCodes.AddressBookFull);
        api.MapGet("/{id:guid}", GetAsync).WithSummary("Show one of my saved addresses.")
            .ProducesProblems(ErrorCodes.AddressNotFound);
        api.MapPut("/{id:guid}", ReplaceAsync).WithSummary("Change one of my saved addresses (send every field).")
            .ProducesProblems(ErrorCodes.AddressNotFound);
        api.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Remove one of my saved addresses.")
            .ProducesProblems(ErrorCodes.AddressNotFound);
        api.MapPost("/{id:guid}/default", MakeDefaultAsync).WithSummary("Make one of my saved addresses the default.")
            .ProducesProblems(ErrorCodes.AddressNotFound);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<AddressView>>> ListAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await Book(http, grains).ListAsync());

    public static async Task<Results<Created<AddressView>, ProblemHttpResult>> CreateAsync(AddressBookRequest request, HttpContext http, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = await request.DraftAsync(Geography(grains));
        if (draft.Value is null)
        {
            return DomainProblems.For(draft.Error!);
        }

        // The id comes from the owner and the Idempotency-Key, so a retry that outlived the replay store saves nothing twice.
        var id = DeterministicGuid.From($"address:{http.User.UserId():N}:{http.Request.Headers[IdempotencyMiddleware.Header]}");
        var saved = await Book(http, grains).AddAsync(id, draft.Value, request.IsDefault == true);
        return saved.Value is { } address ? TypedResults.Created($"/api/me/addresses/{address.Id}", address) : DomainProblems.For(saved.Error!);
    }

    public static async Task<Results<Ok<AddressView>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, IGrainFactory grains) =>
        await Book(http, grains).GetAsync(id) is { } address ? TypedResults.Ok(address) : DomainProblems.For(NotFound(id));

    public static async Task<Results<Ok<AddressView>, ProblemHttpResult>> ReplaceAsync(Guid id, AddressBookRequest request, HttpContext http, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = await request.DraftAsync(Geography(grains));
        if (draft.Value is null)
        {
            return DomainProblems.For(draft.Error!);
        }

        var book = Book(http, grains);
        var updated = await book.UpdateAsync(id, draft.Value);
        if (updated.Succeeded && request.IsDefault == true)
        {
            updated = await book.MakeDefaultAsync(id);
        }

        return updated.Value is { } saved ? TypedResults.Ok(saved) : DomainProblems.For(updated.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, IGrainFactory grains)
    {
        var deleted = await Book(http, grains).DeleteAsync(id);
        return deleted.Succeeded ? TypedResults.NoContent() : DomainProblems.For(deleted.Error!);
    }

    public static async Task<Results<Ok<AddressView>, ProblemHttpResult>> MakeDefaultAsync(Guid id, HttpContext http, IGrainFactory grains)
    {
        var made = await Book(http, grains).MakeDefaultAsync(id);
        return made.Value is { } address ? TypedResults.Ok(address) : DomainProblems.For(made.Error!);
    }

    /// <summary>
    /// The caller's saved address <paramref name="addressId"/> as an order keeps it, for checkout and quotes; another
    /// user's id is address-not-found, exactly as an unknown one.
    /// </summary>
    public static async Task<Result<ShippingAddress>> ShippingAddressAsync(IGrainFactory grains, Guid userId, Guid addressId, string field)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return await grains.GetGrain<IAddressBookGrain>(userId).GetAsync(addressId) is { } address
            ? address.ToShippingAddress()
            : NotFound(addressId) with { Field = field };
    }

    private static DomainError NotFound(Guid id) => new(ErrorCodes.AddressNotFound, $"You have no address {id}.", "id");

    private static IAddressBookGrain Book(HttpContext http, IGrainFactory grains) => grains.GetGrain<IAddressBookGrain>(http.User.UserId());

    private static IGeographyGrain Geography(IGrainFactory grains) => grains.GetGrain<IGeographyGrain>(IGeographyGrain.Key);
}
