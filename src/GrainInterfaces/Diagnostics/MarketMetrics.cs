using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GrainMarket.Diagnostics;

/// <summary>
/// GrainMarket's own meter and activity source, both named <see cref="Name"/>, and the instruments that grains and the
/// gateway record into. Static, as Orleans' and Npgsql's are: a grain records without a service to inject, and a
/// process exports them once whichever host (silo, gateway or both) it runs. The gauges read from the database are
/// the gateway's (<c>MarketGauges</c>). docs/observability.md lists every metric.
/// </summary>
public static class MarketMetrics
{
    /// <summary>The name of the meter and of the activity source, to enable them in OpenTelemetry.</summary>
    public const string Name = "GrainMarket";

    /// <summary>The <c>source</c> tag of an order placed from a cart or a buy-now.</summary>
    public const string CheckoutSource = "checkout";

    /// <summary>The <c>source</c> tag of an order placed for an auction's winner.</summary>
    public const string AuctionSource = "auction";

    /// <summary>Spans of GrainMarket's own use cases (checkout).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>The meter of GrainMarket's counters and histograms.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Orders newly placed, counted once when the transaction creating the order commits (never for a repeat), tagged <c>source</c>.</summary>
    public static Counter<long> OrdersPlaced { get; } = Meter.CreateCounter<long>(
        "grainmarket.orders.placed", "{order}", "Orders placed: counted once when the order's transaction commits, by source (checkout, auction).");

    /// <summary>Counts one order placed from <paramref name="source"/> (<see cref="CheckoutSource"/> or <see cref="AuctionSource"/>).</summary>
    public static void CountOrderPlaced(string source) => OrdersPlaced.Add(1, new KeyValuePair<string, object?>("source", source));

    /// <summary>Bids an auction accepted, counted once their write committed.</summary>
    public static Counter<long> BidsPlaced { get; } = Meter.CreateCounter<long>(
        "grainmarket.bids.placed", "{bid}", "Bids accepted by an auction, counted when the write holding them committed.");

    /// <summary>How long the gateway's checkout took, from the request's validation to its answer, tagged <c>outcome</c>.</summary>
    public static Histogram<double> CheckoutDuration { get; } = Meter.CreateHistogram<double>(
        "grainmarket.checkout.duration",
        "s",
        "Duration of a checkout at the gateway, by outcome (placed, or the error code of the refusal, or exception).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
}
