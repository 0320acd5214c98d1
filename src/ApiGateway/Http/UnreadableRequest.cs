using System.Text.Json;
using System.Text.RegularExpressions;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// A request ASP.NET Core could not bind, told in the API's words: the field (a JSON path such as
/// <c>$.items[0].quantity</c>, or a query parameter's name) and what it should have been. The framework's own messages
/// name parameters, .NET types and the gateway's classes; none of that reaches a client.
/// </summary>
public static partial class UnreadableRequest
{
    public static DomainError Describe(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.InnerException is JsonException json)
        {
            return FromJson(json);
        }

        if (Binding().Match(exception.Message) is { Success: true } binding)
        {
            return new DomainError(ErrorCodes.MalformedRequest, $"'{binding.Groups["value"].Value}' is not a valid value for {binding.Groups["name"].Value}.", binding.Groups["name"].Value);
        }

        return exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? new DomainError(ErrorCodes.MalformedRequest, "The request needs a JSON body (an object); none, or null, was sent.", "$")
            : new DomainError(ErrorCodes.MalformedRequest, "The request could not be read.");
    }

    /// <summary>
    /// <paramref name="error"/> naming its field as the API spells it: the framework names a query parameter it could not
    /// bind by the handler's parameter (<c>categoryId</c>), the client knows it by its <c>[FromQuery(Name)]</c> (<c>category_id</c>).
    /// </summary>
    public static DomainError AsSpelled(DomainError error, Endpoint? endpoint)
    {
        ArgumentNullException.ThrowIfNull(error);
        var spelled = endpoint?.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => p.Name == error.Field)?.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), false)
            .OfType<Microsoft.AspNetCore.Mvc.FromQueryAttribute>().FirstOrDefault()?.Name;
        return spelled is null ? error : error with { Field = spelled, Detail = error.Detail.Replace($"for {error.Field}.", $"for {spelled}.", StringComparison.Ordinal) };
    }

    /// <summary>A JSON document (a body, a WebSocket message) that could not be read, in the API's words.</summary>
    public static DomainError FromJson(JsonException json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var path = json.Path is { Length: > 0 } p ? p : "$";
        var message = json.Message;
        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            return new DomainError(ErrorCodes.MalformedRequest, $"'{name}' is not a field of this request.", path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}");
        }

        if (Conversion().Match(message) is { Success: true } conversion)
        {
            return new DomainError(ErrorCodes.MalformedRequest, $"The value at {path} must be {Expected(TargetType(conversion.Groups["type"].Value, path))}.", path);
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return new DomainError(ErrorCodes.MalformedRequest, $"Required fields are missing: {missing.Groups["names"].Value}.", path);
        }

        // A syntax error: the reader's own words, which name positions and characters, never types.
        var syntax = message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return new DomainError(
            ErrorCodes.MalformedRequest,
            syntax.Contains("GrainMarket", StringComparison.Ordinal) || syntax.Contains("System.", StringComparison.Ordinal) ? "The body is not valid JSON." : $"The body is not valid JSON: {syntax}",
            path);
    }

    /// <summary>
    /// The type the value at <paramref name="path"/> should have had. For a value bound through a constructor the reader
    /// names the type that holds it, not the value's: then the holder's property named by the path's last segment.
    /// </summary>
    private static string TargetType(string named, string path)
    {
        var holder = typeof(UnreadableRequest).Assembly.GetType(named);
        var member = path.Split('.')[^1].Split('[')[0];
        return holder?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, member, StringComparison.OrdinalIgnoreCase)) is { } property
            ? (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType).FullName ?? named
            : named;
    }

    /// <summary>What a .NET type means to a client of a JSON API.</summary>
    private static string Expected(string type) => type switch
    {
        _ when Regex.IsMatch(type, @"\b(Int16|Int32|Int64|UInt16|UInt32|UInt64|Byte)\b", RegexOptions.None, TimeSpan.FromSeconds(1)) => "a whole number",
        _ when Regex.IsMatch(type, @"\b(Double|Single|Decimal)\b", RegexOptions.None, TimeSpan.FromSeconds(1)) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("Guid", StringComparison.Ordinal) => "a UUID",
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "an ISO 8601 date and time",
        _ when type.Contains("TimeSpan", StringComparison.Ordinal) => "a duration",
        _ when type.StartsWith("System.String", StringComparison.Ordinal) => "a string",
        _ when type.Contains("[]", StringComparison.Ordinal) || type.Contains("List", StringComparison.Ordinal) || type.Contains("Collection", StringComparison.Ordinal) || type.Contains("Enumerable", StringComparison.Ordinal) => "a list",
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object of names and values",
        _ => "a JSON object",
    };

    [GeneratedRegex(@"^Failed to bind parameter ""[^""]* (?<name>\w+)"" from ""(?<value>[^""]*)""", RegexOptions.None, 1000)]
    private static partial Regex Binding();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.None, 1000)]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?( Path:|$)", RegexOptions.None, 1000)]
    private static partial Regex Conversion();

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?( Path:|$)", RegexOptions.None, 1000)]
    private static partial Regex MissingRequired();
}
