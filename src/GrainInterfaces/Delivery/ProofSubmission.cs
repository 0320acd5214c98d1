namespace GrainMarket.Delivery;

/// <summary>What the courier presents at the door: the buyer's PIN or the QR code's token (one of them), and where they are.</summary>
[GenerateSerializer, Immutable, Alias("gm.delivery.ProofSubmission")]
public sealed record ProofSubmission(
    [property: Id(0)] string? Pin,
    [property: Id(1)] string? QrToken,
    [property: Id(2)] double? Latitude,
    [property: Id(3)] double? Longitude);
