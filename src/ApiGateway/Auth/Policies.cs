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

    /// <summary>The active role is seller, or the account holds admin (order steps a seller or an admin may take).</summary>
    public const string SellerOrAdmin = "seller-or-admin";

    /// <summary>The active role is buyer, or the account holds admin.</summary>
    public const string BuyerOrAdmin = "buyer-or-admin";

    /// <summary>The active role is courier, or the account holds admin (a courier's claim an admin may release, a return's pickup and inspection).</summary>
    public const string CourierOrAdmin = "courier-or-admin";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in new[] { Buyer, Seller, Courier, Promoter, Investor })
        {
            options.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireClaim(GrainMarketClaims.ActiveRole, role));
        }

        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(GrainMarketClaims.Roles, Roles.Admin));
        options.AddPolicy(SellerOrAdmin, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            context.User.HasClaim(GrainMarketClaims.ActiveRole, Seller) || context.User.HasClaim(GrainMarketClaims.Roles, Roles.Admin)));
        options.AddPolicy(CourierOrAdmin, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            context.User.HasClaim(GrainMarketClaims.ActiveRole, Courier) || context.User.HasClaim(GrainMarketClaims.Roles, Roles.Admin)));
        options.AddPolicy(BuyerOrAdmin, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            context.User.HasClaim(GrainMarketClaims.ActiveRole, Buyer) || context.User.HasClaim(GrainMarketClaims.Roles, Roles.Admin)));
    }

    /// <summary>What a policy needs, for the 403 that refuses it: the roles and a sentence naming them.</summary>
    public static (IReadOnlyList<string> Roles, string Text) Describe(string policy) => policy switch
    {
        Admin => ([Roles.Admin], "the admin role"),
        SellerOrAdmin => ([Seller, Roles.Admin], "seller as the active role, or the admin role"),
        BuyerOrAdmin => ([Buyer, Roles.Admin], "buyer as the active role, or the admin role"),
        CourierOrAdmin => ([Courier, Roles.Admin], "courier as the active role, or the admin role"),
        _ => ([policy], $"{policy} as the active role"),
    };
}
