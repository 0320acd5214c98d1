using System.Net;
using System.Net.Http.Json;
using System.Text;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Security;

/// <summary>
/// Issue #22, item 5: a body that cannot be read gets our problem naming the field and what was wrong, in the API's
/// words — never ASP.NET's parameter diagnostics or the names of the gateway's classes and .NET types.
/// </summary>
public sealed class BodyErrorTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, string, string> Bodies => new()
    {
        { "empty", null, "$", "a JSON body" },
        { "null", "null", "$", "a JSON body" },
        { "wrong type", """{"quantity":"three"}""", "$.quantity", "whole number" },
        { "fraction", """{"quantity":2.5}""", "$.quantity", "whole number" },
        { "unknown field", """{"quantity":1,"discount":99}""", "$.discount", "not a field" },
        { "array for object", "[1]", "$", "JSON object" },
        { "broken", """{"quantity":""", "$.quantity", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_unreadable_body_gets_a_problem_in_the_apis_words(string name, string? body, string field, string says)
    {
        Assert.NotNull(name);
        using var buyer = await TestUsers.CreateAsync(factory);
        using var content = new StringContent(body ?? "", Encoding.UTF8, "application/json");

        var response = await buyer.Client.PutAsync(new Uri($"/api/cart/items/{Guid.NewGuid()}", UriKind.Relative), content, Ct);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request", field);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(says, detail, StringComparison.Ordinal);
        foreach (var leak in new[] { "GrainMarket", "System.", "Implicit body", "parameter", ".NET", "Int32", "Int64", "Request" })
        {
            Assert.DoesNotContain(leak, problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_query_parameter_the_operation_does_not_take_is_refused_naming_it_as_an_unknown_json_field_is()
    {
        using var buyer = await TestUsers.CreateAsync(factory);
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/products?limt=5", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "limt");
        await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri("/api/orders?status=placed", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "status");
        await Problems.AssertAsync(await buyer.Client.PostAsync(new Uri($"/api/cart?force=true", UriKind.Relative), null, Ct), HttpStatusCode.MethodNotAllowed, "method-not-allowed");

        // What an operation takes is accepted, in any case, as binding reads it.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/api/products?limit=5&sort=newest", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.GetAsync(new Uri("/api/orders?limit=5", UriKind.Relative), Ct)).StatusCode);
    }
}
