namespace GrainMarket.ApiGateway.Payments;

/// <summary>A Kenyan mobile number (MSISDN) as Daraja takes it: <c>2547XXXXXXXX</c> or <c>2541XXXXXXXX</c>.</summary>
public static class MpesaPhone
{
    public const string Rule = "must be a Kenyan mobile number: 07XXXXXXXX, 01XXXXXXXX, +2547XXXXXXXX or 2547XXXXXXXX";

    /// <summary><paramref name="phone"/> as <c>254</c> and nine digits (from 07…/01…, +254… or 254…, spaces and dashes ignored), or null when it is not a Kenyan mobile number.</summary>
    public static string? Normalize(string? phone)
    {
        phone = phone?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var national = phone switch
        {
            { Length: 10 } when phone[0] == '0' => phone[1..],
            { Length: 13 } when phone.StartsWith("+254", StringComparison.Ordinal) => phone[4..],
            { Length: 12 } when phone.StartsWith("254", StringComparison.Ordinal) => phone[3..],
            _ => null,
        };
        return national is { Length: 9 } && national[0] is '7' or '1' && national.All(char.IsAsciiDigit) ? $"254{national}" : null;
    }
}
