using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Reviews;

/// <summary>Reviews and feedback through the public API, and reads of their read models once their grains confirmed.</summary>
public static class Reviewing
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> ReviewAsync(TestUser author, Guid orderId, Guid productId, int rating, string text = "Good grain, well packed.") =>
        author.Client.SendAsync(Shop.Post("/api/reviews", new { orderId, productId, rating, text }, Guid.NewGuid().ToString()), Ct);

    public static Task<HttpResponseMessage> EditAsync(TestUser author, Guid reviewId, object change) =>
        author.Client.PatchAsJsonAsync($"/api/reviews/{reviewId}", change, Ct);

    public static Task<HttpResponseMessage> FeedbackAsync(TestUser buyer, Guid orderId, object body) =>
        buyer.Client.SendAsync(Shop.Post($"/api/orders/{orderId}/feedback", body, Guid.NewGuid().ToString()), Ct);

    /// <summary>Waits until the review and its product's tally stored every transaction they took part in (their read-model rows with them).</summary>
    public static async Task ConfirmedAsync(GatewayFactory factory, Guid productId, params Guid[] reviewIds)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var database = await TestDatabase.GetDataSourceAsync(Ct);
        foreach (var reviewId in reviewIds)
        {
            await StoredState.ConfirmedAsync(database, grains.GetGrain<IReviewGrain>(reviewId).GetGrainId(), "review", Ct);
        }

        await StoredState.ConfirmedAsync(database, grains.GetGrain<IRatingTallyGrain>(ReviewIds.ProductTally(productId)).GetGrainId(), "tally", Ct);
    }

    /// <summary>(rating_total, rating_count, rating_average) of the product's search row.</summary>
    public static async Task<(long Total, int Count, decimal Average)> ProductRowAsync(Guid productId)
    {
        var database = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = database.CreateCommand("SELECT rating_total, rating_count, rating_average FROM products WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = productId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"product {productId} has no search row");
        return (reader.GetInt64(0), reader.GetInt32(1), reader.GetDecimal(2));
    }

    /// <summary>(average, count) of the product's rating as GET /api/products/{id} answers it.</summary>
    public static async Task<(decimal Average, int Count)> ProductRatingAsync(TestUser user, Guid productId)
    {
        var rating = (await Json.ReadAsync(await user.Client.GetAsync(new Uri($"/api/products/{productId}", UriKind.Relative), Ct))).GetProperty("rating");
        return (rating.GetProperty("average").GetDecimal(), rating.GetProperty("count").GetInt32());
    }
}
