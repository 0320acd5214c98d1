using GrainMarket.Common;

namespace GrainMarket.Wallets;

/// <summary>
/// What resolving a hold did: its outcome, and whether this call resolved it (false: it was resolved before, or the call
/// failed). It never leaves the wallet, but Orleans copies what a transactional update returns, so it is serializable.
/// </summary>
[GenerateSerializer, Alias("gm.wallets.HoldResolution")]
public sealed record HoldResolution([property: Id(0)] Result<HoldView> Result, [property: Id(1)] bool Applied);
