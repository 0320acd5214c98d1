namespace GrainMarket.Delivery;

/// <summary>The buyer's proof of delivery: the PIN to tell the courier, the QR code's token, and what is left of its tries.</summary>
[GenerateSerializer, Immutable, Alias("gm.delivery.ProofView")]
public sealed record ProofView(
    [property: Id(0)] string Pin,
    [property: Id(1)] string QrToken,
    [property: Id(2)] int AttemptsLeft,
    [property: Id(3)] bool Locked);
