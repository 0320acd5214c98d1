namespace GrainMarket.MpesaStandIn;

/// <summary>
/// How a stand-in runs: the consumer key and secret it issues OAuth tokens for, the shortcode and passkey STK pushes
/// are signed with (their <c>Password</c>), and how long a token lives. Result callbacks go to each request's own
/// <c>CallBackURL</c>/<c>ResultURL</c>, or through <see cref="MpesaStandInServer.CallbackClient"/> (a test server's).
/// </summary>
public sealed record MpesaStandInOptions(string ConsumerKey, string ConsumerSecret, string ShortCode, string Passkey)
{
    /// <summary>The loopback URL to listen on; port 0 picks a free one.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>An access token's life (Daraja's: 3599 s).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);
}
