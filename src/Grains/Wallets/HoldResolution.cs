using GrainMarket.Common;

namespace GrainMarket.Wallets;

/// <summary>What resolving a hold did: its outcome, and whether this call resolved it (false: it was resolved before, or the call failed).</summary>
public sealed record HoldResolution(Result<HoldView> Result, bool Applied);
