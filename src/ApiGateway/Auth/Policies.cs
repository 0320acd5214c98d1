using GrainMarket.Common;
using Microsoft.AspNetCore.Authorization;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// Authorization policies, one per role: a role's endpoints need it to be the <em>active</em> role, except
/// <see cref="Admin"/>, which needs the account to hold the admin role.
/// </summary>
public static class Policies
{
    public const string Buyer = Roles.Buyer;
    public const string Seller = Roles.Seller;
    public const string Courier = Roles.Courier;
    public const string Promoter = Roles.Promoter;
    public const string Investor = Roles.Investor;
    public const string Admin = Roles.Admin;

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in new[] { Buyer, Seller, Courier, Promoter, Investor })
        {
            options.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireClaim(GrainMarketClaims.ActiveRole, role));
        }

        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(GrainMarketClaims.Roles, Roles.Admin));
    }
}
