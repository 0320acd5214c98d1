using System.Net;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Auctions;

/// <summary>A seller's pay-after-win deadline has a platform minimum (GRAINMARKET_MIN_PAYMENT_DEADLINE_HOURS, default 1 hour).</summary>
public sealed class PaymentDeadlinePolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payment_deadline_under_the_platform_minimum_is_refused_with_400_naming_the_field_and_the_rule()
    {
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct);
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);

        foreach (var hours in new[] { 0.001, 0.5, 0.999 })
        {
            var problem = await Problems.AssertAsync(await CreateAsync(seller, category, hours), HttpStatusCode.BadRequest, "validation-failed", "paymentDeadlineHours");
            Assert.Contains("at least 1 ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var created = await Json.ReadAsync(await CreateAsync(seller, category, 1), HttpStatusCode.Created);
        Assert.Equal("pending-approval", created.GetProperty("status").GetString());
    }

    private static async Task<HttpResponseMessage> CreateAsync(TestUser seller, Guid category, double paymentDeadlineHours) =>
        await seller.Client.SendAsync(
            Shop.Post("/api/auctions", new
            {
                title = "A brass telescope",
                categoryId = category,
                startingPrice = 1_00,
                endsAt = DateTimeOffset.UtcNow + TimeSpan.FromHours(1),
                settlementMode = "pay-after-win",
                paymentDeadlineHours,
            }, Guid.NewGuid().ToString()),
            Ct);
}
