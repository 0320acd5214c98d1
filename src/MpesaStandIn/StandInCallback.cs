namespace GrainMarket.MpesaStandIn;

/// <summary>A result callback the stand-in made: the address it goes to (with its query) and its exact JSON body, to deliver (again) at will.</summary>
public sealed record StandInCallback(Uri Url, string Body);
