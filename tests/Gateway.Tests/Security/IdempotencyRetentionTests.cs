using System.Net;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Gateway.Tests.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Security;

/// <summary>
/// Issue #24, item 17: a stored answer is replayed only for <c>GRAINMARKET_IDEMPOTENCY_HOURS</c>, and an answer caused
/// by a passing condition is never stored, so the next retry with the key runs again.
/// </summary>
public sealed class IdempotencyRetentionTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_retention_a_key_is_new_again_and_the_request_runs_instead_of_replaying()
    {
        // 0.0001 h = 0.36 s: a second later the stored answer has expired.
        await using var shortLived = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_IDEMPOTENCY_HOURS"] = "0.0001" }, Ct);
        using var admin = await TestUsers.AdminAsync(shortLived);
        using var buyer = await TestUsers.CreateAsync(shortLived);
        var key = Guid.NewGuid().ToString();

        var first = await WalletRequests.CreditAsync(admin.Client, buyer.Id, 1_500, key, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var later = await WalletRequests.CreditAsync(admin.Client, buyer.Id, 1_500, key, Ct);
        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet", Ct));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.False(later.Headers.Contains("Idempotent-Replayed"), "The expired answer was replayed.");

        // The request ran again, and the wallet's own operation id still applied the credit once.
        Assert.Equal(1_500, wallet.GetProperty("available").GetInt64());
    }

    [Fact]
    public void The_retention_is_24_hours_unless_configured()
    {
        Assert.Equal(TimeSpan.FromHours(24), IdempotencySettings.From(null).Retention);
        Assert.Equal(TimeSpan.FromMinutes(90), IdempotencySettings.From("1.5").Retention);
        Assert.Throws<InvalidOperationException>(() => IdempotencySettings.From("0"));
    }

    [Theory]
    [InlineData(ErrorCodes.TransactionConflict)]
    [InlineData(ErrorCodes.OutcomeUnknown)]
    [InlineData(ErrorCodes.TooManyAttempts)]
    [InlineData("status-423")]
    [InlineData("status-408")]
    public async Task An_answer_caused_by_a_passing_condition_is_not_replayed_and_the_retry_runs_again(string refusal)
    {
        var runs = 0;
        await using var app = await StartAsync(() => ++runs == 1 ? Refuse(refusal) : (IResult)TypedResults.Created("/things/1", new { id = 1 }));
        using var client = app.GetTestClient();
        var key = Guid.NewGuid().ToString();

        var refused = await PostAsync(client, key);
        var retried = await PostAsync(client, key);

        Assert.True((int)refused.StatusCode >= 400, $"The first answer was {(int)refused.StatusCode}.");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_lasting_refusal_is_replayed_and_the_retry_does_not_run()
    {
        var runs = 0;
        await using var app = await StartAsync(() => ++runs == 1 ? DomainProblems.For(new DomainError(ErrorCodes.InsufficientFunds, "Not enough.")) : (IResult)TypedResults.Created("/things/1", new { id = 1 }));
        using var client = app.GetTestClient();
        var key = Guid.NewGuid().ToString();

        var refused = await PostAsync(client, key);
        var retried = await PostAsync(client, key);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, runs);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refuse(string refusal) => refusal.StartsWith("status-", StringComparison.Ordinal)
        ? TypedResults.Problem(statusCode: int.Parse(refusal["status-".Length..], System.Globalization.CultureInfo.InvariantCulture))
        : DomainProblems.For(new DomainError(refusal, "Not now."));

    /// <summary>A host of the idempotency middleware alone, on the shared silo's idempotency grains, with one endpoint.</summary>
    private async Task<WebApplication> StartAsync(Func<IResult> handler)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(factory.Services.GetRequiredService<IGrainFactory>());
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapPost("/things", handler).WithMetadata(new IdempotentAttribute());
        await app.StartAsync(Ct);
        return app;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/things") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotencyMiddleware.Header, key);
        return await client.SendAsync(request, Ct);
    }
}
