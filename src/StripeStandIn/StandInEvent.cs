namespace GrainMarket.StripeStandIn;

/// <summary>A webhook event the stand-in made: its id, its type and its exact JSON body, to deliver (again) at will.</summary>
public sealed record StandInEvent(string Id, string Type, string Body);
