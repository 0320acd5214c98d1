namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>A weight bracket: parcels of up to <see cref="UpToGrams"/> grams (absent in the last bracket only: any heavier one) cost <see cref="Amount"/>.</summary>
public sealed record WeightRateRequest(long? UpToGrams, long? Amount);
