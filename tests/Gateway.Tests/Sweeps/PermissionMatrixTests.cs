using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Sweeps;

/// <summary>
/// Who may call what, as a table reviewed like data: every operation of the OpenAPI document must have a row, and
/// every role gets exactly the row's answer — allowed roles pass authorization (whatever the handler then says about
/// the made-up ids and empty bodies), anonymous callers get 401, other roles 403.
/// </summary>
public sealed class PermissionMatrixTests(MarketplaceFactory factory)
{
    private const string Anyone = "anyone";
    private const string SignedIn = "signed-in";

    private static readonly string[] Callers = ["anonymous", "buyer", "seller", "courier", "promoter", "investor", "admin"];

    /// <summary>Operation → who may call it: <see cref="Anyone"/>, <see cref="SignedIn"/> (any role), or the roles that must be active (admin: held).</summary>
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["POST /api/auth/register"] = [Anyone],
        ["POST /api/auth/login"] = [Anyone],
        ["POST /api/auth/refresh"] = [Anyone],
        ["POST /api/auth/logout"] = [Anyone],
        ["POST /api/auth/password/forgot"] = [Anyone],
        ["POST /api/auth/password/reset"] = [Anyone],
        ["POST /api/auth/password/change"] = [SignedIn],
        ["GET /api/me"] = [SignedIn],
        ["PATCH /api/me"] = [SignedIn],
        ["POST /api/me/active-role"] = [SignedIn],
        ["GET /api/auth/providers"] = [Anyone],
        ["GET /api/auth/external/{provider}"] = [Anyone],
        ["GET /api/auth/external/{provider}/complete"] = [Anyone],
        ["POST /api/auth/external/link"] = [Anyone],
        ["GET /api/me/logins"] = [SignedIn],
        ["DELETE /api/me/logins/{provider}"] = [SignedIn],
        ["GET /api/admin/users"] = ["admin"],
        ["POST /api/admin/users"] = ["admin"],
        ["PATCH /api/admin/users/{id}"] = ["admin"],
        ["GET /api/wallet"] = [SignedIn],
        ["GET /api/wallet/ledger"] = [SignedIn],
        ["POST /api/wallet/withdrawals"] = [SignedIn],
        ["POST /api/wallet/topups"] = [SignedIn],
        ["GET /api/payments/providers"] = [Anyone],
        ["POST /api/payments/webhooks/{provider}"] = [Anyone],
        ["POST /api/payments/razorpay/confirm"] = [SignedIn],
        ["POST /api/admin/wallets/{userId}/credits"] = ["admin"],
        ["GET /api/admin/withdrawals"] = ["admin"],
        ["POST /api/admin/withdrawals/{id}/approve"] = ["admin"],
        ["POST /api/admin/withdrawals/{id}/reject"] = ["admin"],
        ["GET /api/admin/ledger/summary"] = ["admin"],
        ["GET /api/admin/audit"] = ["admin"],
        ["GET /api/admin/overview"] = ["admin"],
        ["GET /api/admin/platform/ledger"] = ["admin"],
        ["GET /api/seller/analytics"] = ["seller"],
        ["GET /api/categories"] = [Anyone],
        ["POST /api/admin/categories"] = ["admin"],
        ["PATCH /api/admin/categories/{id}"] = ["admin"],
        ["DELETE /api/admin/categories/{id}"] = ["admin"],
        ["GET /api/products"] = [Anyone],
        ["GET /api/products/{id}"] = [Anyone],
        ["POST /api/products"] = ["seller"],
        ["PATCH /api/products/{id}"] = [SignedIn],
        ["DELETE /api/products/{id}"] = [SignedIn],
        ["POST /api/products/{id}/stock"] = ["seller"],
        ["GET /api/admin/products"] = ["admin"],
        ["POST /api/admin/products/{id}/approve"] = ["admin"],
        ["POST /api/admin/products/{id}/reject"] = ["admin"],
        ["GET /api/banners"] = [Anyone],
        ["GET /api/admin/banners"] = ["admin"],
        ["POST /api/admin/banners"] = ["admin"],
        ["PATCH /api/admin/banners/{id}"] = ["admin"],
        ["DELETE /api/admin/banners/{id}"] = ["admin"],
        ["GET /api/coupons/{code}"] = [SignedIn],
        ["POST /api/admin/coupons"] = ["admin"],
        ["GET /api/admin/coupons"] = ["admin"],
        ["PATCH /api/admin/coupons/{code}"] = ["admin"],
        ["POST /api/seller/coupons"] = ["seller"],
        ["GET /api/seller/coupons"] = ["seller"],
        ["PATCH /api/seller/coupons/{code}"] = ["seller"],
        ["GET /r/{code}"] = [Anyone],
        ["POST /api/promoter/referrals"] = ["promoter"],
        ["GET /api/promoter/referrals"] = ["promoter"],
        ["POST /api/promoter/referrals/{code}/deactivate"] = ["promoter"],
        ["POST /api/promoter/subscription"] = ["promoter"],
        ["DELETE /api/promoter/subscription"] = ["promoter"],
        ["GET /api/promoter/dashboard"] = ["promoter"],
        ["GET /api/admin/commission-rules"] = ["admin"],
        ["POST /api/admin/commission-rules"] = ["admin"],
        ["PUT /api/admin/commission-rules/{id}"] = ["admin"],
        ["DELETE /api/admin/commission-rules/{id}"] = ["admin"],
        ["GET /api/sale-events/active"] = [Anyone],
        ["POST /api/admin/sale-events"] = ["admin"],
        ["GET /api/admin/sale-events"] = ["admin"],
        ["PATCH /api/admin/sale-events/{id}"] = ["admin"],
        ["DELETE /api/admin/sale-events/{id}"] = ["admin"],
        ["PUT /api/seller/products/{id}/discount"] = ["seller"],
        ["DELETE /api/seller/products/{id}/discount"] = ["seller"],
        ["GET /api/cart"] = ["buyer"],
        ["DELETE /api/cart"] = ["buyer"],
        ["PUT /api/cart/items/{productId}"] = ["buyer"],
        ["DELETE /api/cart/items/{productId}"] = ["buyer"],
        ["POST /api/checkout"] = ["buyer"],
        ["POST /api/checkout/buy-now"] = ["buyer"],
        ["POST /api/checkout/quote"] = ["buyer"],
        ["GET /api/orders"] = [SignedIn],
        ["GET /api/orders/{id}"] = [SignedIn],
        ["PUT /api/orders/{id}/shipping-address"] = ["buyer", "admin"],
        ["POST /api/orders/{id}/pay"] = ["buyer"],
        ["POST /api/orders/{id}/cancel"] = [SignedIn],
        ["POST /api/orders/{id}/accept"] = ["seller", "admin"],
        ["POST /api/orders/{id}/ship"] = ["seller", "admin"],
        ["POST /api/orders/{id}/deliver"] = ["admin"],
        ["POST /api/orders/{id}/complete"] = ["buyer", "admin"],
        ["GET /api/seller/orders"] = ["seller"],
        ["GET /api/admin/inventory/summary"] = ["admin"],
        ["GET /api/auctions"] = [Anyone],
        ["GET /api/auctions/{id}"] = [Anyone],
        ["GET /api/auctions/{id}/bids"] = [Anyone],
        ["POST /api/auctions"] = ["seller"],
        ["POST /api/auctions/{id}/bids"] = ["buyer"],
        ["POST /api/auctions/{id}/buy-now"] = ["buyer"],
        ["GET /api/admin/auctions"] = ["admin"],
        ["POST /api/admin/auctions/{id}/approve"] = ["admin"],
        ["POST /api/admin/auctions/{id}/reject"] = ["admin"],
        ["POST /api/admin/auctions/{id}/close"] = ["admin"],
        ["GET /api/admin/payment-violations"] = ["admin"],
        ["GET /api/delivery/me"] = ["courier"],
        ["PUT /api/delivery/me/area"] = ["courier"],
        ["GET /api/delivery/orders/available"] = ["courier"],
        ["GET /api/delivery/orders/mine"] = ["courier"],
        ["GET /api/delivery/earnings"] = ["courier"],
        ["POST /api/delivery/orders/{id}/claim"] = ["courier"],
        ["POST /api/delivery/orders/{id}/release"] = ["courier", "admin"],
        ["POST /api/delivery/orders/{id}/advance"] = ["courier"],
        ["POST /api/delivery/orders/{id}/proof"] = ["courier"],
        ["GET /api/orders/{id}/proof"] = [SignedIn],
        ["GET /api/orders/{id}/proof.png"] = [SignedIn],
        ["POST /api/orders/{id}/proof/reset"] = ["seller", "admin"],
        ["POST /api/orders/{id}/confirm-delivery"] = ["buyer"],
        ["POST /api/orders/{id}/dispute"] = ["buyer"],
        ["POST /api/admin/orders/{id}/dispute/resolve"] = ["admin"],
        ["POST /api/admin/orders/{id}/refund"] = ["admin"],
        ["GET /api/notifications"] = [SignedIn],
        ["POST /api/notifications/{id}/read"] = [SignedIn],
        ["POST /api/notifications/read-all"] = [SignedIn],
        ["GET /api/me/notification-preferences"] = [SignedIn],
        ["PUT /api/me/notification-preferences"] = [SignedIn],
        ["GET /api/conversations"] = [SignedIn],
        ["POST /api/conversations"] = [SignedIn],
        ["GET /api/conversations/{id}/messages"] = [SignedIn],
        ["POST /api/conversations/{id}/messages"] = [SignedIn],
        ["POST /api/conversations/{id}/read"] = [SignedIn],
        ["GET /api/admin/conversations/{id}/messages"] = ["admin"],
        ["GET /api/me/blocks"] = [SignedIn],
        ["POST /api/me/blocks"] = [SignedIn],
        ["DELETE /api/me/blocks/{userId}"] = [SignedIn],
        ["GET /api/users/search"] = [SignedIn],
        ["POST /api/returns"] = ["buyer"],
        ["GET /api/returns"] = [SignedIn],
        ["GET /api/returns/{id}"] = [SignedIn],
        ["POST /api/returns/{id}/approve"] = ["seller", "admin"],
        ["POST /api/returns/{id}/reject"] = ["seller", "admin"],
        ["POST /api/returns/{id}/pickup"] = ["courier", "admin"],
        ["POST /api/returns/{id}/receive"] = ["seller", "admin"],
        ["POST /api/returns/{id}/inspection"] = ["courier", "admin"],
        ["POST /api/returns/{id}/decision"] = ["admin"],
        ["POST /api/complaints"] = [SignedIn],
        ["GET /api/complaints"] = [SignedIn],
        ["GET /api/complaints/{id}"] = [SignedIn],
        ["POST /api/complaints/{id}/response"] = [SignedIn],
        ["POST /api/complaints/{id}/conversation"] = [SignedIn],
        ["GET /api/admin/complaints"] = ["admin"],
        ["POST /api/admin/complaints/{id}/review"] = ["admin"],
        ["POST /api/admin/complaints/{id}/resolve"] = ["admin"],
        ["POST /api/admin/complaints/{id}/reject"] = ["admin"],
        ["POST /api/ads/opportunities"] = ["seller"],
        ["GET /api/ads/opportunities"] = [SignedIn],
        ["GET /api/ads/opportunities/{id}"] = [SignedIn],
        ["POST /api/ads/opportunities/{id}/applications"] = ["buyer"],
        ["POST /api/ads/opportunities/{id}/engagements/{engagementId}/accept"] = ["seller"],
        ["POST /api/ads/opportunities/{id}/engagements/{engagementId}/proof"] = ["buyer"],
        ["POST /api/ads/opportunities/{id}/engagements/{engagementId}/approve"] = ["seller"],
        ["POST /api/ads/opportunities/{id}/engagements/{engagementId}/reject"] = ["seller"],
        ["POST /api/ads/opportunities/{id}/cancel"] = ["seller"],
        ["GET /api/ads/engagements"] = ["buyer"],
        ["GET /api/seller/ad-opportunities"] = ["seller"],
        ["GET /api/admin/investors"] = ["admin"],
        ["GET /api/admin/investors/{id}"] = ["admin"],
        ["POST /api/admin/investors/{id}/stakes"] = ["admin"],
        ["POST /api/admin/investors/{id}/payouts"] = ["admin"],
        ["GET /api/investor/statement"] = ["investor"],
        ["GET /api/sellers/{id}/points"] = [SignedIn],
        ["GET /api/sellers/{id}"] = [Anyone],
        ["GET /api/brands"] = [Anyone],
        ["GET /api/brands/{id}"] = [Anyone],
        ["POST /api/brands"] = ["seller"],
        ["GET /api/seller/brands"] = ["seller"],
        ["POST /api/seller/payout-account"] = ["seller"],
        ["GET /api/seller/payout-account"] = ["seller"],
        ["GET /api/admin/payouts"] = ["admin"],
        ["GET /api/admin/brands"] = ["admin"],
        ["POST /api/admin/brands/{id}/approve"] = ["admin"],
        ["POST /api/admin/brands/{id}/reject"] = ["admin"],
        ["GET /api/shipping/serviceability"] = [Anyone],
        ["GET /api/shipping/quote"] = [SignedIn],
        ["GET /api/admin/shipping/zones"] = ["admin"],
        ["POST /api/admin/shipping/zones"] = ["admin"],
        ["PUT /api/admin/shipping/zones/{id}"] = ["admin"],
        ["DELETE /api/admin/shipping/zones/{id}"] = ["admin"],
        ["POST /api/shipping/carriers/{name}/callbacks"] = [Anyone],
        ["GET /api/me/addresses"] = [SignedIn],
        ["POST /api/me/addresses"] = [SignedIn],
        ["GET /api/me/addresses/{id}"] = [SignedIn],
        ["PUT /api/me/addresses/{id}"] = [SignedIn],
        ["DELETE /api/me/addresses/{id}"] = [SignedIn],
        ["POST /api/me/addresses/{id}/default"] = [SignedIn],
        ["GET /api/geo/countries"] = [Anyone],
        ["GET /api/geo/countries/{code}/provinces"] = [Anyone],
        ["GET /api/geo/provinces/{id}/cities"] = [Anyone],
        ["POST /api/admin/geo/countries"] = ["admin"],
        ["PATCH /api/admin/geo/countries/{code}"] = ["admin"],
        ["DELETE /api/admin/geo/countries/{code}"] = ["admin"],
        ["POST /api/admin/geo/countries/{code}/provinces"] = ["admin"],
        ["PATCH /api/admin/geo/provinces/{id}"] = ["admin"],
        ["DELETE /api/admin/geo/provinces/{id}"] = ["admin"],
        ["POST /api/admin/geo/provinces/{id}/cities"] = ["admin"],
        ["PATCH /api/admin/geo/cities/{id}"] = ["admin"],
        ["DELETE /api/admin/geo/cities/{id}"] = ["admin"],
        ["GET /api/statuses"] = [SignedIn],
        ["POST /api/statuses"] = [SignedIn],
        ["DELETE /api/statuses/{id}"] = [SignedIn],
        ["POST /api/reviews"] = ["buyer"],
        ["GET /api/reviews/{id}"] = [Anyone],
        ["PATCH /api/reviews/{id}"] = [SignedIn],
        ["DELETE /api/reviews/{id}"] = [SignedIn],
        ["POST /api/reviews/{id}/helpful"] = [SignedIn],
        ["GET /api/products/{id}/reviews"] = [Anyone],
        ["POST /api/admin/reviews/{id}/hide"] = ["admin"],
        ["POST /api/admin/reviews/{id}/unhide"] = ["admin"],
        ["POST /api/orders/{id}/feedback"] = ["buyer"],
        ["GET /api/sellers/{id}/feedback"] = [Anyone],
        ["POST /api/feedback"] = [SignedIn],
        ["GET /api/admin/feedback"] = ["admin"],
        ["POST /api/media"] = [SignedIn],
        ["GET /media/{key}"] = [Anyone],
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_answers_each_role_as_the_matrix_says()
    {
        using var anonymous = factory.CreateClient();
        using var document = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var operations = OpenApiOperation.Read(document.RootElement);
        Assert.Equal(Matrix.Keys.Order(StringComparer.Ordinal), operations.Select(o => o.ToString()).Order(StringComparer.Ordinal));

        var accounts = new Dictionary<string, TestUser>();
        foreach (var role in Callers.Skip(1).SkipLast(1))
        {
            accounts[role] = await TestUsers.CreateAsync(factory, role);
        }

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var allowed = Matrix[operation.ToString()];
            foreach (var caller in Callers)
            {
                // A session of its own per request: logout and role switches end sessions.
                using var user = caller switch
                {
                    "anonymous" => null,
                    "admin" => await TestUsers.AdminAsync(factory),
                    _ => await TestUsers.LoginAsync(factory, accounts[caller].Email, accounts[caller].Password),
                };
                var client = user?.Client ?? anonymous;
                using var response = await client.SendAsync(Request(operation), Ct);
                var status = (int)response.StatusCode;
                var code = await CodeAsync(response);
                var mayCall = allowed.Contains(Anyone) || (caller != "anonymous" && (allowed.Contains(SignedIn) || allowed.Contains(caller)));
                // A domain answer may be a 401 too (a bad refresh token): only the authorization layer's codes count here.
                var refusedByAuthorization = code is "unauthenticated" || (status == 403 && code == "forbidden");
                var expected = mayCall ? "past authorization" : caller == "anonymous" ? "401 unauthenticated" : "403 forbidden";
                var ok = mayCall
                    ? !refusedByAuthorization && status < 500
                    : caller == "anonymous" ? status == 401 && code == "unauthenticated" : status == 403 && code == "forbidden";
                if (!ok)
                {
                    failures.Add($"{operation} as {caller}: {status} {code}, expected {expected}");
                }
                else if (status is >= 400 and < 500 && !(operation.Problems.TryGetValue(status, out var listed) && listed?.Contains(code!) == true))
                {
                    failures.Add($"{operation} as {caller}: {status} {code}, a problem the OpenAPI document does not list for it");
                }
            }
        }

        foreach (var account in accounts.Values)
        {
            account.Dispose();
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers broke the permission matrix:\n{string.Join('\n', failures)}");
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private static HttpRequestMessage Request(OpenApiOperation operation)
    {
        var path = operation.Parameters.Where(p => p.In == "path").Aggregate(operation.Path, (current, p) => current.Replace($"{{{p.Name}}}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        if (operation.BodyProperties is not null)
        {
            request.Content = new StringContent("{}", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }
}
