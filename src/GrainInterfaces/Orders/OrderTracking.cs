namespace GrainMarket.Orders;

/// <summary>The live tracking of orders: each entry of an order's history is an event of its stream, numbered from 1.</summary>
public static class OrderTracking
{
    /// <summary>
    /// The PostgreSQL notification channel: each commit that adds events to an order notifies <c>&lt;order id&gt;:&lt;last sequence&gt;</c>,
    /// or <c>&lt;order id&gt;:&lt;last sequence&gt;:&lt;user id&gt;,&lt;user id&gt;…</c> when users became the order's parties.
    /// </summary>
    public const string Channel = "order_events";

    /// <summary>The actor of an event no user caused (a deadline, a carrier's report).</summary>
    public const string System = "system";
}
