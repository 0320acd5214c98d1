using System.Security.Claims;
using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Apis.Accounts;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>Admins list, create, block and re-role accounts.</summary>
public static class AdminUsersApi
{
    public static RouteGroupBuilder MapAdminUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/users").WithTags("Admin: users").RequireAuthorization(Policies.Admin);
        api.MapGet("/", ListAsync).WithSummary("List user accounts, filtered by text, role or blocked state.");
        api.MapPost("/", CreateAsync).WithSummary("Create a user account with the given roles.").ProducesProblems(ErrorCodes.EmailTaken);
        api.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a user's roles or block or unblock them.").ProducesProblems(ErrorCodes.SelfLockout);
        return api;
    }

    /// <summary>Newest first, from the <c>users</c> read model; <c>q</c> matches e-mail or name, <c>role</c> a held role.</summary>
    public static async Task<Results<Ok<UserPage>, ProblemHttpResult>> ListAsync(
        string? q, string? role, bool? blocked, int? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (Validation.First(Validation.Range(limit, "limit", 1, 100), Validation.Optional(q, "q", 200), role is null || Common.Roles.IsKnown(role) ? null : Common.DomainError.Invalid("role", "is not a role")) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (!PageCursor.TryParse(cursor, out var afterTime, out var afterId))
        {
            return DomainProblems.Invalid("cursor", "is not a cursor this API returned");
        }

        var page = await UserQueries.ListAsync(readModels.DataSource, q, role, blocked, limit ?? 20, afterTime, afterId, cancellationToken);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateAsync(CreateUserRequest request, IGrainFactory grains)
    {
        if (AccountRules.NewAccount(request.Email, request.Password, request.DisplayName, request.Roles, selfRegistration: false) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var result = await grains.GetGrain<IEmailGrain>(EmailAddress.Normalize(request.Email!))
            .RegisterAsync(new Registration(request.Email!.Trim(), request.Password!, request.DisplayName!.Trim(), request.Roles ?? [Common.Roles.Buyer]));
        return result.Value is { } user ? TypedResults.Created($"/api/admin/users/{user.Id}", user) : DomainProblems.For(result.Error!);
    }

    /// <summary>Through the <see cref="IAdminRosterGrain"/>: no admin locks themself out, and the last admin stays one.</summary>
    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> UpdateAsync(Guid id, AdminUpdateUserRequest request, ClaimsPrincipal admin, IGrainFactory grains)
    {
        if (AccountRules.Roles(request.Roles, selfRegistration: false) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var result = await grains.GetGrain<IAdminRosterGrain>(0).UpdateAsync(admin.UserId(), id, new AdminUserUpdate(request.Roles, request.Blocked));
        return result.Value is { } user ? TypedResults.Ok(user) : DomainProblems.For(result.Error!);
    }
}
