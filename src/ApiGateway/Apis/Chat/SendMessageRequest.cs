namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>A message: <see cref="ClientId"/> is the client's own id of it, so that sending it again after a lost reply sends it once.</summary>
public sealed record SendMessageRequest(string? ClientId, string? Text);
