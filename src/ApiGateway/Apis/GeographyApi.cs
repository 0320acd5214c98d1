using GrainMarket.ApiGateway.Apis.Geography;
using GrainMarket.ApiGateway.Apis.Shipping;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Geography;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The reference geography addresses name by id: anyone lists countries, a country's provinces and a province's cities
/// (from the read models); admins add, rename and remove them (through the geography grain).
/// </summary>
public static class GeographyApi
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapGeographyApi(this IEndpointRouteBuilder app)
    {
        var geo = app.MapGroup("/api/geo").WithTags("Geography");
        geo.MapGet("/countries", CountriesAsync).WithSummary("List the countries addresses can pick provinces and cities from.");
        geo.MapGet("/countries/{code}/provinces", ProvincesAsync).WithSummary("List a country's provinces.")
            .ProducesProblems(ErrorCodes.Validation, ErrorCodes.CountryNotFound);
        geo.MapGet("/provinces/{id:guid}/cities", CitiesAsync).WithSummary("List a province's cities.")
            .ProducesProblems(ErrorCodes.ProvinceNotFound);

        var admin = app.MapGroup("/api/admin/geo").WithTags("Admin: geography").RequireAuthorization(Policies.Admin);
        admin.MapPost("/countries", CreateCountryAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Add a country.")
            .ProducesProblems(ErrorCodes.GeoNameTaken);
        admin.MapPatch("/countries/{code}", RenameCountryAsync).WithSummary("Rename a country.")
            .ProducesProblems(ErrorCodes.Validation, ErrorCodes.CountryNotFound, ErrorCodes.GeoNameTaken);
        admin.MapDelete("/countries/{code}", DeleteCountryAsync).WithSummary("Remove a country that has no provinces.")
            .ProducesProblems(ErrorCodes.Validation, ErrorCodes.CountryNotFound, ErrorCodes.GeoNotEmpty);
        admin.MapPost("/countries/{code}/provinces", CreateProvinceAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Add a province to a country.")
            .ProducesProblems(ErrorCodes.Validation, ErrorCodes.CountryNotFound, ErrorCodes.GeoNameTaken);
        admin.MapPatch("/provinces/{id:guid}", RenameProvinceAsync).WithSummary("Rename a province.")
            .ProducesProblems(ErrorCodes.ProvinceNotFound, ErrorCodes.GeoNameTaken);
        admin.MapDelete("/provinces/{id:guid}", DeleteProvinceAsync).WithSummary("Remove a province that has no cities.")
            .ProducesProblems(ErrorCodes.ProvinceNotFound, ErrorCodes.GeoNotEmpty);
        admin.MapPost("/provinces/{id:guid}/cities", CreateCityAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Add a city to a province.")
            .ProducesProblems(ErrorCodes.ProvinceNotFound, ErrorCodes.GeoNameTaken);
        admin.MapPatch("/cities/{id:guid}", RenameCityAsync).WithSummary("Rename a city.")
            .ProducesProblems(ErrorCodes.CityNotFound, ErrorCodes.GeoNameTaken);
        admin.MapDelete("/cities/{id:guid}", DeleteCityAsync).WithSummary("Remove a city; addresses that named it keep its name.")
            .ProducesProblems(ErrorCodes.CityNotFound);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CountryView>>> CountriesAsync(ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        TypedResults.Ok(await GeographyQueries.CountriesAsync(readModels.DataSource, cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<ProvinceView>>, ProblemHttpResult>> ProvincesAsync(string code, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (ShippingZoneRequest.CountryRule(code, "code") is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await GeographyQueries.ProvincesAsync(readModels.DataSource, code.ToUpperInvariant(), cancellationToken) is { } provinces
            ? TypedResults.Ok(provinces)
            : DomainProblems.For(new DomainError(ErrorCodes.CountryNotFound, $"There is no country {code.ToUpperInvariant()}."));
    }

    public static async Task<Results<Ok<IReadOnlyList<CityView>>, ProblemHttpResult>> CitiesAsync(Guid id, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        await GeographyQueries.CitiesAsync(readModels.DataSource, id, cancellationToken) is { } cities
            ? TypedResults.Ok(cities)
            : DomainProblems.For(new DomainError(ErrorCodes.ProvinceNotFound, $"There is no province {id}."));

    public static async Task<Results<Created<CountryView>, ProblemHttpResult>> CreateCountryAsync(CountryRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.First(ShippingZoneRequest.CountryRule(request.Code, "code"), NameRule(request.Name)) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var created = await Geography(grains).CreateCountryAsync(request.Code!.ToUpperInvariant(), request.Name!.Trim());
        return created.Value is { } country ? TypedResults.Created($"/api/geo/countries/{country.Code}/provinces", country) : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Ok<CountryView>, ProblemHttpResult>> RenameCountryAsync(string code, GeoNameRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.First(ShippingZoneRequest.CountryRule(code, "code"), NameRule(request.Name)) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return Answer(await Geography(grains).RenameCountryAsync(code.ToUpperInvariant(), request.Name!.Trim()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCountryAsync(string code, IGrainFactory grains)
    {
        if (ShippingZoneRequest.CountryRule(code, "code") is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return Removed(await Geography(grains).DeleteCountryAsync(code.ToUpperInvariant()));
    }

    public static async Task<Results<Created<ProvinceView>, ProblemHttpResult>> CreateProvinceAsync(string code, GeoNameRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.First(ShippingZoneRequest.CountryRule(code, "code"), NameRule(request.Name)) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var created = await Geography(grains).CreateProvinceAsync(code.ToUpperInvariant(), request.Name!.Trim());
        return created.Value is { } province ? TypedResults.Created($"/api/geo/provinces/{province.Id}/cities", province) : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Ok<ProvinceView>, ProblemHttpResult>> RenameProvinceAsync(Guid id, GeoNameRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NameRule(request.Name) is { } invalid ? DomainProblems.For(invalid) : Answer(await Geography(grains).RenameProvinceAsync(id, request.Name!.Trim()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteProvinceAsync(Guid id, IGrainFactory grains) =>
        Removed(await Geography(grains).DeleteProvinceAsync(id));

    public static async Task<Results<Created<CityView>, ProblemHttpResult>> CreateCityAsync(Guid id, GeoNameRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (NameRule(request.Name) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var created = await Geography(grains).CreateCityAsync(id, request.Name!.Trim());
        return created.Value is { } city ? TypedResults.Created($"/api/geo/provinces/{city.ProvinceId}/cities", city) : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Ok<CityView>, ProblemHttpResult>> RenameCityAsync(Guid id, GeoNameRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NameRule(request.Name) is { } invalid ? DomainProblems.For(invalid) : Answer(await Geography(grains).RenameCityAsync(id, request.Name!.Trim()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCityAsync(Guid id, IGrainFactory grains) =>
        Removed(await Geography(grains).DeleteCityAsync(id));

    private static DomainError? NameRule(string? name) => Validation.Required(name, "name", MaxNameLength);

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Result<T> result) =>
        result.Value is { } value ? TypedResults.Ok(value) : DomainProblems.For(result.Error!);

    private static Results<NoContent, ProblemHttpResult> Removed<T>(Result<T> result) =>
        result.Succeeded ? TypedResults.NoContent() : DomainProblems.For(result.Error!);

    private static IGeographyGrain Geography(IGrainFactory grains) => grains.GetGrain<IGeographyGrain>(IGeographyGrain.Key);
}
