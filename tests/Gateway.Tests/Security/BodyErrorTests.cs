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
}
