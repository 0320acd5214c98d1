using System.Text.Json;

namespace GrainMarket.Chaos;

internal sealed record Seed(Actor Admin, IReadOnlyList<Actor> Buyers, IReadOnlyList<Actor> Sellers, IReadOnlyList<Listing> Listings, IReadOnlyList<Guid> Auctions, IReadOnlyList<Actor> Couriers, IReadOnlyList<string> Coupons, IReadOnlyList<string>? ReferralCodes = null);

/// <summary>Users, funded wallets, products and live auctions (one per seller), created through the API before any fault.</summary>
internal static class Seeding
{
    private const string Password = "chaos password";

    /// <summary>Couriers claiming, picking up and proving the delivery of the workload's orders.</summary>
    private const int Couriers = 3;

    /// <summary>Auction <c>i</c> of <c>n</c> ends <c>(i + 1) / (n + 1)</c> of the way through the run (with a few soft-close extensions).</summary>
    public static async Task<Seed> RunAsync(Gateway gateway, Random random, int buyers, int sellers, int productsPerSeller, long funds, TimeSpan run, long sellerFunds = 0)
    {
        var admin = await LoginAsync(gateway, random, ChaosCluster.AdminEmail, ChaosCluster.AdminPassword);
        var category = await ExpectAsync(gateway, random, HttpMethod.Post, "/api/admin/categories", new { name = $"chaos-{Guid.NewGuid():N}" }, admin.Token, null, 201);
        var categoryId = category.GetProperty("id").GetGuid();

        var sellerActors = new List<Actor>();
        var listings = new List<Listing>();
        for (var s = 0; s < sellers; s++)
        {
            var seller = await RegisterAsync(gateway, random, "seller");
            sellerActors.Add(seller);
            if (sellerFunds > 0)
            {
                // Ad budgets (AdWorkload) come from here rather than from the sellers' earnings.
                await ExpectAsync(gateway, random, HttpMethod.Post, $"/api/admin/wallets/{seller.Id}/credits", new { amount = sellerFunds, reason = "chaos ad funds" }, admin.Token, $"fund-{seller.Id:N}", 200);
            }

            for (var p = 0; p < productsPerSeller; p++)
            {
                var price = 100L * (1 + random.Next(9));
                var product = await ExpectAsync(gateway, random, HttpMethod.Post, "/api/products",
                    new { title = $"Chaos product {s}-{p}", description = "Survives faults.", categoryId, price, stock = 100_000, images = Array.Empty<string>() }, seller.Token, null, 201);
                listings.Add(new Listing(product.GetProperty("id").GetGuid(), s, price));
            }
        }

        var buyerActors = new List<Actor>();
        for (var b = 0; b < buyers; b++)
        {
            var buyer = await RegisterAsync(gateway, random, "buyer");
            buyerActors.Add(buyer);
            await ExpectAsync(gateway, random, HttpMethod.Post, $"/api/admin/wallets/{buyer.Id}/credits", new { amount = funds, reason = "chaos funds" }, admin.Token, $"fund-{buyer.Id:N}", 200);
        }

        var auctions = new List<Guid>();
        var start = DateTimeOffset.UtcNow;
        for (var s = 0; s < sellerActors.Count; s++)
        {
            var endsAt = start + TimeSpan.FromSeconds(10) + (run * (s + 1) / (sellerActors.Count + 1));
            var auction = await ExpectAsync(gateway, random, HttpMethod.Post, "/api/auctions",
                new { title = $"Chaos auction {s}", description = "Bid on through faults.", categoryId, startingPrice = 100, reservePrice = s == 0 ? 90_000_000 : (long?)null, endsAt, softCloseSeconds = 5, maxExtensions = 3 },
                sellerActors[s].Token, null, 201);
            var id = auction.GetProperty("id").GetGuid();
            await ExpectAsync(gateway, random, HttpMethod.Post, $"/api/admin/auctions/{id}/approve", null, admin.Token, null, 200);
            auctions.Add(id);
        }

        // Couriers are made by the admin (the role is not self-assignable).
        var couriers = new List<Actor>();
        for (var c = 0; c < Couriers; c++)
        {
            var email = $"courier-{Guid.NewGuid():N}@chaos.test";
            await ExpectAsync(gateway, random, HttpMethod.Post, "/api/admin/users", new { email, password = Password, displayName = "courier", roles = new[] { "courier" } }, admin.Token, null, 201);
            couriers.Add(await LoginAsync(gateway, random, email, Password));
        }

        // Coupons the checkouts name: the platform's 1% (below the 2% fee, so each completion's own fee pays for it out of
        // the platform wallet) with a total limit the run will reach, and the first seller's own, on their products only.
        var platformCoupon = $"CHAOS-P-{Guid.NewGuid():N}"[..24];
        await ExpectAsync(gateway, random, HttpMethod.Post, "/api/admin/coupons", new { code = platformCoupon, percentOff = 1, totalLimit = 200 }, admin.Token, $"coupon-{platformCoupon}", 201);
        var sellerCoupon = $"CHAOS-S-{Guid.NewGuid():N}"[..24];
        await ExpectAsync(gateway, random, HttpMethod.Post, "/api/seller/coupons", new { code = sellerCoupon, amountOff = 50, perUserLimit = 20 }, sellerActors[0].Token, $"coupon-{sellerCoupon}", 201);

        // Promoters' codes the checkouts name (docs/promoters.md): the category's platform-funded 0.5% (with the platform's
        // 1% coupon still below the 2% fee) and the first listing's seller-funded 5%; refunds after completion claw back.
        await ExpectAsync(gateway, random, HttpMethod.Post, "/api/admin/commission-rules", new { categoryId, rateBps = 50, fundedBy = "platform" }, admin.Token, null, 201);
        await ExpectAsync(gateway, random, HttpMethod.Post, "/api/admin/commission-rules", new { productId = listings[0].ProductId, rateBps = 500, fundedBy = "seller" }, admin.Token, null, 201);
        var referralCodes = new List<string>();
        for (var p = 0; p < 2; p++)
        {
            var promoter = await RegisterAsync(gateway, random, "promoter");
            var referral = await ExpectAsync(gateway, random, HttpMethod.Post, "/api/promoter/referrals", new { code = $"CHAOS-R{p}-{Guid.NewGuid():N}"[..24] }, promoter.Token, null, 201);
            referralCodes.Add(referral.GetProperty("code").GetString()!);
        }

        return new Seed(admin, buyerActors, sellerActors, listings, auctions, couriers, [platformCoupon, sellerCoupon], referralCodes);
    }

    private static async Task<Actor> RegisterAsync(Gateway gateway, Random random, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@chaos.test";
        await ExpectAsync(gateway, random, HttpMethod.Post, "/api/auth/register", new { email, password = Password, displayName = role, roles = new[] { role } }, null, null, 202);
        return await LoginAsync(gateway, random, email, Password);
    }

    private static async Task<Actor> LoginAsync(Gateway gateway, Random random, string email, string password)
    {
        // The admin is created by a background service as the silos start: a few failed logins are expected.
        for (var attempt = 0; ; attempt++)
        {
            var (status, body) = await gateway.SendAsync(random, HttpMethod.Post, "/api/auth/login", new { email, password }, null);
            if (status == 200)
            {
                return new Actor(body.GetProperty("user").GetProperty("id").GetGuid(), email, password, body.GetProperty("accessToken").GetString()!);
            }

            if (attempt == 60)
            {
                throw new InvalidOperationException($"Login of {email} keeps failing ({status}).");
            }

            await Task.Delay(500);
        }
    }

    private static async Task<JsonElement> ExpectAsync(Gateway gateway, Random random, HttpMethod method, string path, object? body, string? token, string? key, int expected)
    {
        var (status, answer) = await gateway.RetryAsync(random, method, path, body, token, key ?? Guid.NewGuid().ToString());
        return status == expected ? answer : throw new InvalidOperationException($"Seeding: {method} {path} answered {status}, not {expected}: {answer}");
    }
}
