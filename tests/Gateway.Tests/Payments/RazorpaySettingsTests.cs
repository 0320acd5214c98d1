using GrainMarket.ApiGateway.Payments;
using Microsoft.Extensions.Configuration;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>Razorpay's keys go together: none leaves Razorpay unoffered, all three offer it, a partial set stops start-up naming what is missing.</summary>
public sealed class RazorpaySettingsTests
{
    [Fact]
    public void No_keys_offer_no_Razorpay_and_all_three_offer_it_with_its_defaults()
    {
        Assert.Null(RazorpaySettings.From(Configuration([])));

        var settings = RazorpaySettings.From(Configuration(new() { ["GRAINMARKET_RAZORPAY_KEY_ID"] = "rzp_test_1", ["GRAINMARKET_RAZORPAY_KEY_SECRET"] = "s", ["GRAINMARKET_RAZORPAY_WEBHOOK_SECRET"] = "w" }));

        Assert.Equal(new RazorpaySettings("rzp_test_1", "s", "w", new Uri("https://api.razorpay.com"), TimeSpan.FromSeconds(10)), settings);
    }

    [Fact]
    public void A_partial_set_of_keys_or_a_bad_address_stops_start_up_naming_what_is_wrong()
    {
        var partial = Assert.Throws<InvalidOperationException>(() => RazorpaySettings.From(Configuration(new() { ["GRAINMARKET_RAZORPAY_KEY_ID"] = "rzp_test_1" })));
        Assert.EndsWith("(GRAINMARKET_RAZORPAY_KEY_SECRET, GRAINMARKET_RAZORPAY_WEBHOOK_SECRET missing).", partial.Message, StringComparison.Ordinal);

        var address = Assert.Throws<InvalidOperationException>(() => RazorpaySettings.From(Configuration(new()
        {
            ["GRAINMARKET_RAZORPAY_KEY_ID"] = "rzp_test_1",
            ["GRAINMARKET_RAZORPAY_KEY_SECRET"] = "s",
            ["GRAINMARKET_RAZORPAY_WEBHOOK_SECRET"] = "w",
            ["GRAINMARKET_RAZORPAY_API_BASE"] = "ftp://razorpay.example",
        })));
        Assert.Equal("GRAINMARKET_RAZORPAY_API_BASE must be an absolute http(s) address.", address.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
