using GrainMarket.Common;
using GrainMarket.Delivery;

namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>The courier's proof: the buyer's 6-digit PIN or the QR code's token (exactly one), and optionally where they are.</summary>
public sealed record ProofRequest(string? Pin, string? QrToken, double? Latitude, double? Longitude)
{
    /// <summary>Longer than any token the order issues: anything longer cannot be one.</summary>
    private const int MaxTokenLength = 100;

    public DomainError? Check()
    {
        if ((Pin is null) == (QrToken is null))
        {
            return DomainError.Invalid("pin", "give either the buyer's PIN or the QR code's token (qrToken), not both or neither");
        }

        if (Pin is not null && (Pin.Length != 6 || !Pin.All(char.IsAsciiDigit)))
        {
            return DomainError.Invalid("pin", "must be 6 digits");
        }

        if (QrToken is not null && (QrToken.Length is 0 or > MaxTokenLength || !QrToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return DomainError.Invalid("qrToken", $"must be 1 to {MaxTokenLength} base64url characters (letters, digits, - and _)");
        }

        return Coordinates.Check(Latitude, Longitude, required: false);
    }

    public ProofSubmission ToSubmission() => new(Pin, QrToken, Latitude, Longitude);
}
