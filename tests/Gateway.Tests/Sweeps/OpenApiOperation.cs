using System.Text.Json;

namespace GrainMarket.Gateway.Tests.Sweeps;

/// <summary>One operation of the gateway's OpenAPI document, with its JSON body schema resolved.</summary>
public sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<OpenApiParameter> Parameters, IReadOnlyDictionary<string, string>? BodyProperties)
{
    /// <summary>The operation's summary (null when it has none).</summary>
    public string? Summary { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The fields of a <c>multipart/form-data</c> body (name → "file" for a binary field, else its JSON type), or null when the operation takes no form.</summary>
    public IReadOnlyDictionary<string, string>? FormFields { get; init; }

    /// <summary>The security schemes the operation accepts (any one of them); empty for an anonymous operation.</summary>
    public IReadOnlyList<string> Security { get; init; } = [];

    /// <summary>The names of the headers the operation declares as required.</summary>
    public IReadOnlyList<string> RequiredHeaders { get; init; } = [];

    /// <summary>Each 4xx response: status → the problem codes it lists (<c>x-problem-codes</c>), or null when it is not an <c>application/problem+json</c> response.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>?> Problems { get; init; } = new Dictionary<int, IReadOnlyList<string>?>();

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation in <paramref name="document"/>; a body property's type is its JSON type ("string", "integer", "array"…).</summary>
    public static IReadOnlyList<OpenApiOperation> Read(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new OpenApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, TypeOf(p.GetProperty("schema"), schemas))).ToList()
                    : [];
                Dictionary<string, string>? body = null;
                if (method.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    var schema = Resolve(json.GetProperty("schema"), schemas);
                    body = schema.TryGetProperty("properties", out var properties)
                        ? properties.EnumerateObject().ToDictionary(p => p.Name, p => TypeOf(p.Value, schemas))
                        : [];
                }

                operations.Add(new OpenApiOperation(method.Name.ToUpperInvariant(), path.Name, parameters, body)
                {
                    Summary = method.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : null,
                    FormFields = method.Value.TryGetProperty("requestBody", out var formBody) && formBody.GetProperty("content").TryGetProperty("multipart/form-data", out var form)
                        ? FormFieldsOf(Resolve(form.GetProperty("schema"), schemas), schemas)
                        : null,
                    Tags = method.Value.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [],
                    Security = method.Value.TryGetProperty("security", out var security) ? [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name))] : [],
                    RequiredHeaders = method.Value.TryGetProperty("parameters", out var declared)
                        ? [.. declared.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header" && p.TryGetProperty("required", out var required) && required.GetBoolean()).Select(p => p.GetProperty("name").GetString()!)]
                        : [],
                    Problems = method.Value.TryGetProperty("responses", out var responses) ? ProblemsOf(responses) : new Dictionary<int, IReadOnlyList<string>?>(),
                });
            }
        }

        return operations;
    }

    private static Dictionary<int, IReadOnlyList<string>?> ProblemsOf(JsonElement responses)
    {
        var problems = new Dictionary<int, IReadOnlyList<string>?>();
        foreach (var response in responses.EnumerateObject())
        {
            var status = int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture);
            if (status is >= 400 and < 500)
            {
                var isProblem = response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _);
                problems[status] = !isProblem ? null
                    : response.Value.TryGetProperty("x-problem-codes", out var codes) ? [.. codes.EnumerateArray().Select(c => c.GetString()!)] : [];
            }
        }

        return problems;
    }

    private static Dictionary<string, string> FormFieldsOf(JsonElement schema, JsonElement schemas)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var field in properties.EnumerateObject())
            {
                var resolved = Resolve(field.Value, schemas);
                fields[field.Name] = resolved.TryGetProperty("format", out var format) && format.GetString() == "binary" ? "file" : TypeOf(resolved, schemas);
            }
        }

        foreach (var part in schema.TryGetProperty("allOf", out var all) ? all.EnumerateArray() : default)
        {
            foreach (var (name, type) in FormFieldsOf(Resolve(part, schemas), schemas))
            {
                fields[name] = type;
            }
        }

        return fields;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;

    /// <summary>The non-null JSON type of a schema ("object" for references and unions of objects).</summary>
    private static string TypeOf(JsonElement schema, JsonElement schemas)
    {
        schema = Resolve(schema, schemas);
        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()!).First(t => t != "null")
                : type.GetString()!;
        }

        foreach (var union in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(union, out var options))
            {
                return options.EnumerateArray().Select(o => TypeOf(o, schemas)).FirstOrDefault(t => t != "null") ?? "object";
            }
        }

        return "object";
    }
}
