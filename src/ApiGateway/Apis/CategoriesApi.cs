using System.Text.Json;
using GrainMarket.ApiGateway.Apis.Catalog;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Caching;
using GrainMarket.ApiGateway.Extensions;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Catalog;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>The category tree: everyone reads it; admins add, rename, move and delete categories.</summary>
public static class CategoriesApi
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/categories").WithTags("Categories")
            .MapGet("/", GetTreeAsync).WithSummary("Get the category tree.").WithCatalogCaching();

        var admin = app.MapGroup("/api/admin/categories").WithTags("Admin: categories").RequireAuthorization(Policies.Admin).AddEndpointFilter(CatalogCache.EvictAfterWriteAsync);
        admin.MapPost("/", CreateAsync).WithSummary("Create a category.").ProducesProblems(ErrorCodes.CategoryNotFound, ErrorCodes.CategoryNameTaken);
        admin.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Rename or move a category.").ProducesProblems(ErrorCodes.CategoryNotFound, ErrorCodes.CategoryNameTaken);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete an empty category.").ProducesProblems(ErrorCodes.CategoryNotFound, ErrorCodes.CategoryNotEmpty);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CategoryNode>>> GetTreeAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Tree(grains).GetTreeAsync());

    public static async Task<Results<Created<CategoryView>, ProblemHttpResult>> CreateAsync(CreateCategoryRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.Required(request.Name, "name", MaxNameLength) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var created = await Tree(grains).CreateAsync(request.Name!.Trim(), request.ParentId);
        return created.Succeeded
            ? TypedResults.Created($"/api/categories/{created.Value!.Id}", created.Value)
            : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Ok<CategoryView>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateCategoryRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = request.Name is not null ? Validation.Required(request.Name, "name", MaxNameLength) : null;
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        Guid? parentId = null;
        switch (request.ParentId.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                break;
            case JsonValueKind.String when request.ParentId.TryGetGuid(out var parent):
                parentId = parent;
                break;
            default:
                return DomainProblems.Invalid("parentId", "must be a category id, or null to make the category a root");
        }

        var moveParent = request.ParentId.ValueKind != JsonValueKind.Undefined;
        var updated = await Tree(grains).UpdateAsync(id, new CategoryUpdate(request.Name?.Trim(), moveParent, parentId));
        return updated.Succeeded ? TypedResults.Ok(updated.Value) : DomainProblems.For(updated.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, IGrainFactory grains)
    {
        var deleted = await Tree(grains).DeleteAsync(id);
        return deleted.Succeeded ? TypedResults.NoContent() : DomainProblems.For(deleted.Error!);
    }

    private static ICategoryTreeGrain Tree(IGrainFactory grains) => grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key);
}
