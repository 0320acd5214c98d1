using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Sweeps;

/// <summary>
/// The OpenAPI document against the endpoints it describes: every operation has a summary, a tag (the admins' under
/// "Admin: …"), the problem responses its shape implies with their codes, the security it requires and the headers
/// it requires; the document's title, security schemes (which really authorize), optional fields and naming rules.
/// </summary>
public sealed partial class OpenApiDocumentTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_document_is_titled_GrainMarket_API()
    {
        using var document = await DocumentAsync();

        Assert.Equal("GrainMarket API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_tag_its_security_and_its_problem_responses()
    {
        using var document = await DocumentAsync();
        var operations = OpenApiOperation.Read(document.RootElement);
        var endpoints = Endpoints();
        var failures = new List<string>();

        foreach (var operation in operations)
        {
            void Fail(string why) => failures.Add($"{operation} {why}");
            if (!endpoints.TryGetValue(operation.ToString(), out var metadata))
            {
                Fail("is not an endpoint of the gateway");
                continue;
            }

            if (string.IsNullOrWhiteSpace(operation.Summary))
            {
                Fail("has no summary");
            }

            var admin = operation.Path.StartsWith("/api/admin/", StringComparison.Ordinal);
            if (operation.Tags.Count == 0 || operation.Tags.Any(t => t.StartsWith("Admin: ", StringComparison.Ordinal) != admin))
            {
                Fail($"is tagged [{string.Join(", ", operation.Tags)}]: admin operations go under tags starting \"Admin: \", and only they");
            }

            foreach (var (status, codes) in operation.Problems)
            {
                if (codes is null)
                {
                    Fail($"declares {status} without an application/problem+json body");
                }
                else if (codes.Count == 0 || codes.Any(c => DomainProblems.StatusOf(c) != status && DomainProblems.CodeOf(status) != c))
                {
                    Fail($"lists the problem codes [{string.Join(", ", codes)}] under {status}");
                }
            }

            var expected = new SortedSet<int>();
            var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (secured)
            {
                expected.UnionWith([401, 403]);
            }

            if (!operation.Security.Order(StringComparer.Ordinal).SequenceEqual(secured ? ["bearer", "cookie"] : [], StringComparer.Ordinal))
            {
                Fail($"accepts the security schemes [{string.Join(", ", operation.Security)}] but {(secured ? "requires authorization" : "is anonymous")}");
            }

            if (operation.BodyProperties is not null || operation.Parameters.Any(p => p.In == "query"))
            {
                expected.Add(400);
            }

            if (operation.Parameters.Any(p => p.In == "path"))
            {
                expected.Add(404);
            }

            if (metadata.OfType<IdempotentAttribute>().Any())
            {
                expected.UnionWith([400, 409, 422]);
                if (!operation.RequiredHeaders.Contains(IdempotencyMiddleware.Header, StringComparer.OrdinalIgnoreCase))
                {
                    Fail($"requires the {IdempotencyMiddleware.Header} header but does not declare it");
                }
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any() || metadata.OfType<UsageRateLimits.Limit>().Any())
            {
                expected.Add(429);
            }

            if (expected.Where(s => !operation.Problems.ContainsKey(s)).ToList() is { Count: > 0 } missing)
            {
                Fail($"does not declare its problem responses {string.Join(", ", missing)}");
            }
        }

        Assert.True(operations.Count >= 10, $"The OpenAPI document lists only {operations.Count} operations.");
        Assert.True(failures.Count == 0, $"{failures.Count} problems in the OpenAPI document:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task Every_idempotent_operation_declares_the_Idempotency_Key_header_as_required()
    {
        using var document = await DocumentAsync();
        var operations = OpenApiOperation.Read(document.RootElement).ToDictionary(o => o.ToString());
        var idempotent = Endpoints().Where(e => e.Value.OfType<IdempotentAttribute>().Any()).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("POST /api/checkout", idempotent);
        Assert.DoesNotContain(idempotent, o => !operations[o].RequiredHeaders.Contains(IdempotencyMiddleware.Header));
        Assert.Empty(operations.Values.Where(o => o.RequiredHeaders.Contains(IdempotencyMiddleware.Header) && !idempotent.Contains(o.ToString())).Select(o => o.ToString()));
    }

    [Fact]
    public async Task The_bearer_and_cookie_schemes_authorize_as_the_document_declares_them()
    {
        using var document = await DocumentAsync();
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("bearer");
        var cookie = schemes.GetProperty("cookie");
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var token = user.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        using var client = factory.CreateClient();

        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("apiKey", cookie.GetProperty("type").GetString());
        Assert.Equal("cookie", cookie.GetProperty("in").GetString());
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        withHeader.Headers.TryAddWithoutValidation("Authorization", $"{bearer.GetProperty("scheme").GetString()} {token}");
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        withCookie.Headers.TryAddWithoutValidation("Cookie", $"{cookie.GetProperty("name").GetString()}={token}");
        using var without = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withHeader, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(without, Ct)).StatusCode);
    }

    [Fact]
    public async Task Pages_name_their_cursor_next_and_no_schema_says_nextCursor()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().ToList();
        var pages = schemas.Where(s => s.Name.EndsWith("Page", StringComparison.Ordinal)).ToList();

        Assert.True(pages.Count >= 8, $"Only {pages.Count} page schemas.");
        Assert.Empty(pages.Where(p => !p.Value.GetProperty("properties").TryGetProperty("next", out _)).Select(p => p.Name));
        Assert.Empty(schemas.Where(s => s.Value.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any(p => p.Name.Contains("cursor", StringComparison.OrdinalIgnoreCase))).Select(s => s.Name));
        var paged = OpenApiOperation.Read(document.RootElement).Where(o => PageOf(document.RootElement, o) is not null).ToList();
        Assert.Contains(paged, o => o.ToString() == "GET /api/notifications");
        Assert.Empty(paged.Where(o => !o.Parameters.Any(p => p.In == "query" && p.Name == "cursor")).Select(o => o.ToString()));
    }

    [Fact]
    public async Task A_page_cursor_under_an_old_name_is_refused()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");

        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/api/notifications?before=abc", UriKind.Relative), Ct), HttpStatusCode.BadRequest, GrainMarket.Common.ErrorCodes.Validation, "before");
    }

    [Fact]
    public async Task Query_parameters_are_lower_case()
    {
        using var document = await DocumentAsync();
        var names = OpenApiOperation.Read(document.RootElement).SelectMany(o => o.Parameters.Where(p => p.In == "query").Select(p => $"{o} ?{p.Name}")).ToList();

        Assert.Contains(names, n => n.EndsWith("?category_id", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => !LowerCase().IsMatch(n[(n.IndexOf('?', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public async Task A_resource_names_its_own_id_id()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        foreach (var (schema, own) in new[] { ("OrderResponse", "orderId"), ("OrderSummary", "orderId"), ("ReturnResponse", "returnId"), ("ReturnSummary", "returnId"), ("BidResponse", "bidId"), ("UserView", "userId"), ("UserListItem", "userId"), ("RegisteredUser", "userId"), ("AvailableOrder", "orderId") })
        {
            var properties = schemas.GetProperty(schema).GetProperty("properties");
            Assert.True(properties.TryGetProperty("id", out _) && !properties.TryGetProperty(own, out _), $"{schema} names its own id {own}, not id.");
        }
    }

    [Theory]
    [InlineData("/api/products?categoryId=00000000-0000-0000-0000-000000000001", "categoryId")]
    [InlineData("/api/auctions?categoryId=00000000-0000-0000-0000-000000000001", "categoryId")]
    [InlineData("/api/shipping/serviceability?country=IN&postalCode=560001", "postalCode")]
    public async Task A_query_parameter_under_its_old_camelCase_name_is_refused_naming_it(string path, string field)
    {
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.BadRequest, GrainMarket.Common.ErrorCodes.Validation, field);
    }

    [Fact]
    public async Task A_malformed_query_value_is_refused_naming_the_parameter_as_the_document_spells_it()
    {
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/auctions?category_id=shoes", UriKind.Relative), Ct), HttpStatusCode.BadRequest, GrainMarket.Common.ErrorCodes.MalformedRequest, "category_id");
    }

    /// <summary>The name of the page schema a GET operation answers with, or null.</summary>
    private static string? PageOf(JsonElement document, OpenApiOperation operation) =>
        operation.Method == "GET"
        && document.GetProperty("paths").GetProperty(operation.Path).GetProperty("get").GetProperty("responses").TryGetProperty("200", out var ok)
        && ok.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json)
        && json.GetProperty("schema").TryGetProperty("$ref", out var reference) && reference.GetString()!.EndsWith("Page", StringComparison.Ordinal)
            ? reference.GetString()!.Split('/')[^1]
            : null;

    [Fact]
    public async Task Optional_fields_are_not_required_and_required_ones_are()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        Assert.Empty(Required(schemas, "UpdateProductRequest"));
        Assert.Empty(Required(schemas, "UpdateProfileRequest"));
        Assert.Empty(Required(schemas, "AdminUpdateUserRequest"));
        Assert.Equal(["imageUrl", "title"], Required(schemas, "CreateBannerRequest"));
        Assert.Equal(["categoryId", "price", "stock", "title"], Required(schemas, "CreateProductRequest"));
        Assert.Equal(["categoryId", "endsAt", "startingPrice", "title"], Required(schemas, "CreateAuctionRequest"));
        Assert.Empty(Required(schemas, "UpdateCategoryRequest"));
        Assert.Empty(Required(schemas, "ApproveAuctionRequest"));
        Assert.Empty(Required(schemas, "CheckoutRequest"));
        Assert.Equal(["country", "label", "line1", "postalCode"], Required(schemas, "AddressBookRequest"));
        Assert.Equal(["city", "country", "line1", "postalCode"], Required(schemas, "AddressRequest"));
        Assert.Equal(["displayName", "email", "password"], Required(schemas, "RegisterRequest"));
        Assert.Equal(["amount"], Required(schemas, "BidRequest"));
    }

    private static List<string> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal)] : [];

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
    }

    /// <summary>The gateway's described endpoints, as "METHOD /path/{name}" (route constraints and trailing slashes dropped) → metadata.</summary>
    private Dictionary<string, EndpointMetadataCollection> Endpoints()
    {
        var endpoints = new Dictionary<string, EndpointMetadataCollection>(StringComparer.Ordinal);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true } || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods)
            {
                continue;
            }

            var path = Constraint().Replace(endpoint.RoutePattern.RawText!, "{$1}").TrimEnd('/');
            foreach (var method in methods.HttpMethods)
            {
                endpoints[$"{method} {path}"] = endpoint.Metadata;
            }
        }

        return endpoints;
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex LowerCase();
}
