using System.Globalization;
using System.Net.Mail;
using GrainMarket.Accounts;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Input rules shared by the APIs. Each returns null when the value is fine, or the error naming the field and rule;
/// <see cref="First"/> picks the first failure so a handler can reject a request before it changes anything.
/// </summary>
public static class Validation
{
    public static DomainError? First(params DomainError?[] checks) => checks.FirstOrDefault(c => c is not null);

    public static DomainError? Required(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? DomainError.Invalid(field, "is required")
        : value.Length > maxLength ? DomainError.Invalid(field, $"must be at most {maxLength} characters")
        : null;

    public static DomainError? Optional(string? value, string field, int maxLength = 200) =>
        value is not null && value.Length > maxLength ? DomainError.Invalid(field, $"must be at most {maxLength} characters") : null;

    /// <summary>
    /// An e-mail address, in ASCII only: case folding and Unicode normalisation map look-alikes onto other people's
    /// addresses (the Kelvin sign U+212A lower-cases to <c>k</c>), so a non-ASCII address is refused rather than
    /// normalised. An internationalised domain is written in its punycode (<c>xn--</c>) form.
    /// </summary>
    public static DomainError? Email(string? value, string field = "email") =>
        Required(value, field, 254)
        ?? (EmailAddress.IsAscii(value!) ? null : DomainError.Invalid(field, "must be written in ASCII characters only (an internationalised domain in its xn-- form)"))
        ?? (MailAddress.TryCreate(value, out var address) && address.Address == value!.Trim()
            ? null
            : DomainError.Invalid(field, "must be an e-mail address"));

    public static DomainError? Password(string? value, string field = "password") =>
        string.IsNullOrEmpty(value) || value.Length < 8 ? DomainError.Invalid(field, "must be at least 8 characters")
        : value.Length > 128 ? DomainError.Invalid(field, "must be at most 128 characters")
        : null;

    public static DomainError? Positive(long? value, string field) =>
        value is null ? DomainError.Invalid(field, "is required")
        : value <= 0 ? DomainError.Invalid(field, "must be greater than zero")
        : null;

    public static DomainError? NotNegative(long? value, string field) =>
        value is null ? DomainError.Invalid(field, "is required")
        : value < 0 ? DomainError.Invalid(field, "must not be negative")
        : null;

    public static DomainError? AtMost(long? value, string field, long max) =>
        value > max ? DomainError.Invalid(field, $"must be at most {max}") : null;

    public static DomainError? Range(int? value, string field, int min, int max) =>
        value is { } v && (v < min || v > max) ? DomainError.Invalid(field, $"must be between {min} and {max}") : null;

    /// <summary>At most <paramref name="max"/> image URLs (none is fine), each as <see cref="ImageUrl"/> takes it.</summary>
    public static DomainError? Images(IReadOnlyList<string>? images, int max, string field = "images") =>
        images is null ? null
        : images.Count > max ? DomainError.Invalid(field, $"must hold at most {max} URLs")
        : First([.. images.Select((url, index) => url is null ? DomainError.Invalid($"{field}[{index}]", ImageUrlRule) : ImageUrl(url, $"{field}[{index}]"))]);

    /// <summary>
    /// An image URL: one of ours from <c>POST /api/media</c> (relative, <c>/media/&lt;key&gt;</c>, or absolute on any host),
    /// or any other absolute http(s) URL — outside images stay allowed (docs/media.md).
    /// </summary>
    public static DomainError? ImageUrl(string? value, string field) =>
        value is null || Media.MediaKeys.FormatOf(value.StartsWith(Media.MediaSettings.PathPrefix, StringComparison.Ordinal) ? value[Media.MediaSettings.PathPrefix.Length..] : null) is not null ? null
        : Url(value, field) is null ? null
        : DomainError.Invalid(field, ImageUrlRule);

    private const string ImageUrlRule = "must be an absolute http(s) URL or a /media/ URL from POST /api/media";

    /// <summary>
    /// A page size taken from the query string as text, so that a malformed one is a 400 naming it rather than the
    /// framework's unnamed binding failure: a whole number from 1 to <paramref name="max"/>, <paramref name="defaultSize"/> when absent.
    /// </summary>
    public static DomainError? PageSize(string? value, string field, int defaultSize, int max, out int size)
    {
        size = defaultSize;
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size) || size < 1 || size > max)
        {
            size = defaultSize;
            return DomainError.Invalid(field, $"must be a whole number between 1 and {max}");
        }

        return null;
    }

    public static DomainError? Url(string? value, string field) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && value.Length <= 2048 ? null
        : DomainError.Invalid(field, "must be an absolute http(s) URL");
}
