using System.Text.Json;

namespace GrainMarket.Gateway.Tests.Sweeps;

/// <summary>One operation of the gateway's OpenAPI document, with its JSON body schema resolved.</summary>
public sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<OpenApiParameter> Parameters, IReadOnlyDictionary<string, string>? BodyProperties)
{
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

                operations.Add(new OpenApiOperation(method.Name.ToUpperInvariant(), path.Name, parameters, body));
            }
        }

        return operations;
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
