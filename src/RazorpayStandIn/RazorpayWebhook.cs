namespace GrainMarket.RazorpayStandIn;

/// <summary>A webhook the stand-in made: its event id (<c>x-razorpay-event-id</c>), its event type and its exact JSON body, to deliver (again) at will.</summary>
public sealed record RazorpayWebhook(string Id, string Type, string Body);
