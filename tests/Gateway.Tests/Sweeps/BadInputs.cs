using System.Globalization;
using System.Text.Json;

namespace GrainMarket.Gateway.Tests.Sweeps;

/// <summary>The malformed requests the sweep sends to an operation.</summary>
public static class BadInputs
{
    /// <summary>Body fields whose value is money or a count: negative is never valid, zero never for a price or amount.</summary>
    private static readonly HashSet<string> NonNegative = new(StringComparer.OrdinalIgnoreCase) { "amount", "maxAmount", "price", "quantity", "stock", "startingPrice", "reservePrice", "buyNowPrice", "limit" };

    /// <summary>Look-alikes of <c>karen@grainmarket.test</c> that case folding or NFKC turn into it, or that merely look like it.</summary>
    private static readonly (string Label, string Value)[] Confusables =
    [
        ("a Kelvin sign", "\u212Aaren@grainmarket.test"),
        ("a fullwidth letter", "\uFF4Baren@grainmarket.test"),
        ("a Cyrillic letter", "k\u0430ren@grainmarket.test"),
    ];

    private static readonly HashSet<string> Positive = new(StringComparer.OrdinalIgnoreCase) { "amount", "maxAmount", "price", "quantity", "startingPrice", "buyNowPrice" };

    /// <summary>Operations where an empty body is a legal request (a no-op change, a logout, every notification kind back to its default).</summary>
    private static readonly HashSet<string> EmptyBodyAllowed = new(StringComparer.Ordinal) { "POST /api/auth/logout", "PUT /api/me/notification-preferences" };

    /// <summary>Text no field accepts (a NUL, a bell, DEL, an escape): always refused, with 400 control-characters.</summary>
    private static readonly string[] ControlCharacters = ["nul\u0000", "bell\u0007", "del\u007F", "esc\u001B[2J"];

    public static IEnumerable<BadInput> For(OpenApiOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var valid = PathValues(operation, Guid.NewGuid().ToString());
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            yield return new BadInput($"malformed path {parameter.Name}", EmptyBody(operation), "application/json", PathValues(operation, "not-an-id"), true);
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            var values = parameter.Type is "integer" or "number"
                ? new[] { "abc", "-1", "99999999999999999999" }
                : parameter.Type == "boolean" ? ["maybe"] : [new string('q', 5_000)];
            foreach (var value in values)
            {
                // A long free-text query is legal input (it finds nothing); a malformed number or flag is not.
                yield return new BadInput($"query {parameter.Name}={Shorten(value)}", EmptyBody(operation), "application/json", With(valid, $"?{parameter.Name}", value), parameter.Type != "string");
            }

            foreach (var control in ControlCharacters)
            {
                yield return new BadInput($"query {parameter.Name} with {Printable(control)}", EmptyBody(operation), "application/json", With(valid, $"?{parameter.Name}", control), true);
            }
        }

        foreach (var input in FormInputs(operation, valid))
        {
            yield return input;
        }

        if (operation.BodyProperties is not { } properties)
        {
            yield break;
        }

        yield return new BadInput("text/plain body", "hello", "text/plain", valid, true);
        yield return new BadInput("truncated JSON", properties.Count > 0 ? $"{{\"{properties.Keys.First()}\":" : "{", "application/json", valid, true);
        yield return new BadInput("array instead of object", "[]", "application/json", valid, true);
        yield return new BadInput("unknown field", "{\"noSuchField\":1}", "application/json", valid, true);
        yield return new BadInput("empty object", "{}", "application/json", valid, operation.Method != "PATCH" && !EmptyBodyAllowed.Contains(operation.ToString()));
        yield return new BadInput("300-character Idempotency-Key", "{}", "application/json", valid, operation.Method != "PATCH" && !EmptyBodyAllowed.Contains(operation.ToString()), new string('k', 300));
        foreach (var (name, type) in properties)
        {
            yield return new BadInput($"{name} of the wrong JSON type", Json(name, WrongType(type)), "application/json", valid, true);
            if (type == "string")
            {
                yield return new BadInput($"{name} of 1 MB", Json(name, new string('x', 1_100_000)), "application/json", valid, true);
                yield return new BadInput($"{name} empty", Json(name, ""), "application/json", valid, operation.Method != "PATCH");
                foreach (var (label, confusable) in Confusables)
                {
                    // Legal text in a name or a title; never an e-mail address (it would fold into someone else's).
                    yield return new BadInput($"{name} with {label}", Json(name, confusable), "application/json", valid, name.Contains("email", StringComparison.OrdinalIgnoreCase));
                }

                foreach (var control in ControlCharacters)
                {
                    yield return new BadInput($"{name} with {Printable(control)}", Json(name, control), "application/json", valid, true);
                }
            }
            else if (type is "integer" or "number")
            {
                yield return new BadInput($"{name} overflowing", $"{{\"{name}\":1e30}}", "application/json", valid, true);
                yield return new BadInput($"{name} negative", Json(name, -1), "application/json", valid, NonNegative.Contains(name));
                yield return new BadInput($"{name} zero", Json(name, 0), "application/json", valid, Positive.Contains(name));
            }
        }
    }

    /// <summary>A multipart form operation: other body types, a missing or doubled file, a file that is not what it claims, a cut-off body.</summary>
    private static IEnumerable<BadInput> FormInputs(OpenApiOperation operation, Dictionary<string, string> valid)
    {
        if (operation.FormFields is not { } fields)
        {
            yield break;
        }

        const string Multipart = "multipart/form-data; boundary=sweep";
        yield return new BadInput("text/plain instead of a form", "hello", "text/plain", valid, true);
        yield return new BadInput("JSON instead of a form", "{}", "application/json", valid, true);
        yield return new BadInput("empty form", "--sweep--\r\n", Multipart, valid, true);
        yield return new BadInput("form cut off mid-part", "--sweep\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nabc", Multipart, valid, true);
        yield return new BadInput("form with an unknown field", Part("noSuchField", null, "1") + "--sweep--\r\n", Multipart, valid, true);
        foreach (var file in fields.Where(f => f.Value == "file").Select(f => f.Key))
        {
            yield return new BadInput($"{file} holding text named like a JPEG", Part(file, "x.jpg", "plain text, not a picture") + "--sweep--\r\n", Multipart, valid, true);
            yield return new BadInput($"{file} empty", Part(file, "empty.png", "") + "--sweep--\r\n", Multipart, valid, true);
            yield return new BadInput($"{file} twice", Part(file, "a.jpg", "one") + Part(file, "b.jpg", "two") + "--sweep--\r\n", Multipart, valid, true);
            yield return new BadInput($"{file} as a plain field", Part(file, null, "\u00FF\u00D8\u00FF") + "--sweep--\r\n", Multipart, valid, true);
        }
    }

    private static string Part(string name, string? fileName, string content) =>
        $"--sweep\r\nContent-Disposition: form-data; name=\"{name}\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\n{(fileName is null ? "" : "Content-Type: image/jpeg\r\n")}\r\n{content}\r\n";

    private static string? EmptyBody(OpenApiOperation operation) => operation.BodyProperties is null ? null : "{}";

    private static Dictionary<string, string> PathValues(OpenApiOperation operation, string value) =>
        operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, _ => value);

    private static Dictionary<string, string> With(Dictionary<string, string> values, string name, string value) => new(values) { [name] = value };

    private static object WrongType(string type) => type switch
    {
        "string" => 12345,
        "integer" or "number" => "twelve",
        "boolean" => "yes",
        "array" => "not-a-list",
        _ => 42,
    };

    private static string Json(string name, object value) => JsonSerializer.Serialize(new Dictionary<string, object> { [name] = value });

    private static string Printable(string value) => JsonSerializer.Serialize(value);

    private static string Shorten(string value) => value.Length > 24 ? string.Create(CultureInfo.InvariantCulture, $"{value[..8]}…({value.Length} chars)") : value;
}
