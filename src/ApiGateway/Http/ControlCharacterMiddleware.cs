using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Refuses text with control characters at the edge, in one place for every endpoint: each query parameter and route
/// value, and each string of a JSON body (names and values, at any depth), before the request is bound or any grain
/// is called. The answer is a 400 <c>control-characters</c> problem naming the field (<c>q</c>, <c>title</c>,
/// <c>items[0].name</c>). A body that is not valid JSON is left to the binder, which names the JSON path it broke at.
/// </summary>
public sealed class ControlCharacterMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refused = InQuery(context.Request) ?? InRoute(context.Request) ?? await InBodyAsync(context.Request);
        if (refused is { } error)
        {
            await DomainProblems.For(error).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static Common.DomainError? InQuery(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (ControlCharacters.AreIn(name, multiLine: false) || values.Any(value => value is not null && ControlCharacters.AreIn(value, multiLine: false)))
            {
                return ControlCharacters.Refusal(Printable(name), multiLine: false);
            }
        }

        return null;
    }

    private static Common.DomainError? InRoute(HttpRequest request)
    {
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && ControlCharacters.AreIn(text, multiLine: false))
            {
                return ControlCharacters.Refusal(name, multiLine: false);
            }
        }

        return null;
    }

    private static async Task<Common.DomainError?> InBodyAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType() || request.ContentLength == 0)
        {
            return null;
        }

        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return copy.Length == 0 ? null : InJson(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// <summary>The first string of <paramref name="json"/> holding a refused character, named by its path; null if none (or if the body is not JSON).</summary>
    private static Common.DomainError? InJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var path = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        path[^1].Property = Text(ref reader, out var name) ? name : null;
                        if (name is null || ControlCharacters.AreIn(name, multiLine: false))
                        {
                            return ControlCharacters.Refusal(Field(path, name is null ? null : Printable(name)), multiLine: false);
                        }

                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        var property = path.LastOrDefault(frame => !frame.IsArray)?.Property;
                        var multiLine = ControlCharacters.IsMultiLine(property);
                        if (!Text(ref reader, out var value) || ControlCharacters.AreIn(value, multiLine))
                        {
                            return ControlCharacters.Refusal(Field(path, null), multiLine);
                        }

                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Reads a string token; false when it is not text at all (invalid UTF-8, or an escaped lone surrogate).</summary>
    private static bool Text(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>A value inside an array takes the array's next index.</summary>
    private static void Advance(List<Frame> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1].Index++;
        }
    }

    private static string Field(List<Frame> path, string? property)
    {
        var field = new StringBuilder();
        foreach (var frame in path)
        {
            if (frame.IsArray && frame.Index >= 0)
            {
                field.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (!frame.IsArray && (frame == path[^1] && property is not null ? property : frame.Property) is { } name)
            {
                field.Append(field.Length > 0 ? "." : "").Append(name);
            }
        }

        return field.Length > 0 ? field.ToString() : "$";
    }

    /// <summary>A name as it can be shown back: its refused characters escaped as <c>\uXXXX</c>.</summary>
    private static string Printable(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString()));

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}
