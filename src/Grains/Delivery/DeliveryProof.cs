namespace GrainMarket.Delivery;

/// <summary>
/// An order's proof of delivery as its state keeps it: the PIN and QR token of the <see cref="Generation"/>-th issue
/// (1 at pickup, one more per reset) and how many wrong proofs were presented against it.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.delivery.DeliveryProof")]
public sealed record DeliveryProof(
    [property: Id(0)] string Pin,
    [property: Id(1)] string QrToken,
    [property: Id(2)] int FailedAttempts,
    [property: Id(3)] int Generation)
{
    public bool Locked => FailedAttempts >= IOrderDeliveryGrain.ProofAttempts;
}
