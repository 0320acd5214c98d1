using System.Globalization;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// How fast a silo that died (SIGKILL) or froze (SIGSTOP, a long GC pause, a partition) is declared dead, so that its
/// grains come back on the other silos within 10 s (issue 15, item 8c). From the environment:
/// <c>GRAINMARKET_HEARTBEAT_SECONDS</c> (H, default 1) and <c>GRAINMARKET_DEATH_SECONDS</c> (D, default 6; at least 2 H);
/// fractions are allowed (the chaos run uses 0.5 and 4).
/// </summary>
/// <remarks>
/// <para>How Orleans 10.4.2 decides (read in its membership code): each silo probes up to
/// <see cref="ClusterMembershipOptions.NumProbedSilos"/> others. The effective probe timeout, which is also the period
/// between probes, adapts to measured response times between <see cref="ClusterMembershipOptions.MinProbeTimeout"/>
/// (default half of <see cref="ClusterMembershipOptions.ProbeTimeout"/>) and
/// <see cref="ClusterMembershipOptions.MaxProbeTimeout"/>; on a healthy network it settles at about half of
/// ProbeTimeout. After NumMissedProbesLimit − 1 failed direct probes the next probe goes through another silo with a
/// doubled timeout; a failed indirect probe carries two votes (the prober's and the intermediary's), and
/// min(NumVotesForDeathDeclaration, (active silos + 1) / 2) votes declare the silo dead. A vote is suppressed while a
/// connection to the suspect has received anything within MaxProbeTimeout × NumMissedProbesLimit (the failure
/// detection window), which keeps a silo that is merely slow alive.</para>
/// <para>Chosen values (H = 1, D = 6 by default):</para>
/// <list type="bullet">
/// <item>NumMissedProbesLimit = 3 (Orleans' default): two direct probes and one indirect one.</item>
/// <item>MaxProbeTimeout = D / 3: the failure detection window is then exactly D, the old runtime's meaning of
/// GRAINMARKET_DEATH_SECONDS ("a silo not heard from for D is dead").</item>
/// <item>ProbeTimeout = min(2 H, D / 3): the settled probe period is then about H, the old heartbeat period.</item>
/// <item>A frozen silo: its probes time out after about H, H and min(2 H, D / 3) (the indirect one), and votes against
/// it are suppressed until D after its last message; the first failed probe after that declares it dead, between D
/// and D + 2 H after it froze (6–8 s by default, 4–5 s in the chaos run), which leaves the rest of the 10 s for
/// its grains to come back elsewhere. A killed silo refuses connections at once and leaves no open connection, so
/// nothing is suppressed: it is dead after about 3 H.</item>
/// <item>NumVotesForDeathDeclaration = 2 (Orleans' default): with two silos Orleans already needs only
/// min(2, (2 + 1) / 2) = 1 vote, and with more the failed indirect probe brings both votes at once, so one vote
/// would not be faster, only easier for a single sick silo to evict a healthy one.</item>
/// <item>IAmAliveTablePublishTimeout = H: each silo writes its heartbeat to the membership table every H (one small
/// UPDATE), and NumMissedTableIAmAliveLimit = ceil(D / H), so an entry without a heartbeat for D counts as stale:
/// it no longer counts towards the vote quorum, is no intermediary, and a joining silo (which must reach every
/// active silo before it joins) probes and evicts it instead of waiting for it; after a restart of single-process
/// <c>up</c> that takes about D rather than Orleans' 90 s.</item>
/// <item>TableRefreshTimeout = H: a silo re-reads the membership table every H besides the gossip it gets, so a
/// missed gossip message delays its view by at most H.</item>
/// <item>DeathVoteExpirationTimeout = 2 D: a vote must outlive one detection (about D + 2 H) to be counted with the
/// next, and should not keep counting long after a transient blip.</item>
/// <item>LocalHealthDegradationMonitoringPeriod stays at 10 s: in 10.4.2 it only limits how often a degraded silo logs
/// it (health is sampled every second regardless).</item>
/// <item>SiloMessagingOptions.ResponseTimeout = 15 s (Orleans: 30 s): calls to a silo declared dead are failed at the
/// declaration (Orleans breaks their outstanding requests), so fail-over does not wait for it; it only bounds a call
/// that hangs for another reason. It stays above TransactionalStateOptions.LockAcquireTimeout (10 s), so a
/// transaction that waits for a lock ends with Orleans' own retryable lock timeout rather than an ambiguous
/// TimeoutException.</item>
/// <item>ReminderOptions.MinimumReminderPeriod = 1 minute: the period of one-shot reminders (OneShotReminder.RetryPeriod),
/// which retry their work once a minute until they unregister.</item>
/// </list>
/// </remarks>
internal sealed record FailoverTimings(TimeSpan Heartbeat, TimeSpan Death)
{
    public const int MissedProbesLimit = 3;

    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultDeath = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    public static FailoverTimings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var heartbeat = Seconds(configuration, "GRAINMARKET_HEARTBEAT_SECONDS") ?? DefaultHeartbeat;
        var death = Seconds(configuration, "GRAINMARKET_DEATH_SECONDS") ?? DefaultDeath;
        if (death < heartbeat * 2)
        {
            throw new InvalidOperationException(
                $"GRAINMARKET_DEATH_SECONDS ({death.TotalSeconds.ToString(CultureInfo.InvariantCulture)}) must be at least twice GRAINMARKET_HEARTBEAT_SECONDS ({heartbeat.TotalSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        return new FailoverTimings(heartbeat, death);
    }

    /// <summary>The longest a probe may wait; with three probes missed that is the failure detection window, D.</summary>
    public TimeSpan MaxProbeTimeout => Death / MissedProbesLimit;

    /// <summary>The first probe timeout; probes then settle at about half of it, H.</summary>
    public TimeSpan ProbeTimeout => Heartbeat * 2 < MaxProbeTimeout ? Heartbeat * 2 : MaxProbeTimeout;

    public void ApplyTo(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.NumMissedProbesLimit = MissedProbesLimit;
            options.ProbeTimeout = ProbeTimeout;
            options.MaxProbeTimeout = MaxProbeTimeout;
            options.NumVotesForDeathDeclaration = 2;
            options.IAmAliveTablePublishTimeout = Heartbeat;
            options.NumMissedTableIAmAliveLimit = Math.Max(2, (int)Math.Ceiling(Death / Heartbeat));
            options.TableRefreshTimeout = Heartbeat;
            options.DeathVoteExpirationTimeout = Death * 2;
        });
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout);
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = MinimumReminderPeriod);
    }

    private static TimeSpan? Seconds(IConfiguration configuration, string name)
    {
        if (configuration[name] is not { Length: > 0 } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0)
        {
            throw new InvalidOperationException($"{name} '{text}' is not a positive number of seconds.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
