using System.Globalization;

namespace GrainMarket.ApiGateway.Extensions;

/// <summary>
/// How long, after SIGTERM, the process goes on serving while <c>/readyz</c> answers 503, before Kestrel stops taking
/// connections: the time a load balancer (Kubernetes' endpoints, an ingress) needs to notice and send new requests
/// elsewhere. <c>GRAINMARKET_DRAIN_SECONDS</c> (fractions allowed, 0 for none); by default 5 s outside Development and
/// none in Development. <see cref="HostRunning"/> waits it out in <c>StoppingAsync</c>, which the host runs before it
/// stops any service; the host's <see cref="HostOptions.ShutdownTimeout"/> is raised by as much, so that the drain
/// takes nothing from the time Kestrel has to finish the requests in flight and the silo has to deactivate its grains.
/// </summary>
internal sealed record ShutdownDrain(TimeSpan Delay)
{
    public const string Setting = "GRAINMARKET_DRAIN_SECONDS";

    /// <summary>The common pause before a pod's listener closes: endpoint changes reach kube-proxy and ingresses within a few seconds.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(5);

    public static ShutdownDrain From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (configuration[Setting] is not { Length: > 0 } text)
        {
            return new ShutdownDrain(environment.IsDevelopment() ? TimeSpan.Zero : DefaultDelay);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > 600)
        {
            throw new InvalidOperationException($"{Setting} '{text}' is not a number of seconds from 0 to 600.");
        }

        return new ShutdownDrain(TimeSpan.FromSeconds(seconds));
    }
}
