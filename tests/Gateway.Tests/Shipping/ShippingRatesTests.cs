using GrainMarket.Common;
using GrainMarket.Shipping;

namespace GrainMarket.Gateway.Tests.Shipping;

/// <summary>The quote as a pure function of the zones and the parcel: sums, brackets, thresholds and the most specific zone.</summary>
public sealed class ShippingRatesTests
{
    private static readonly ShippingZone CountryWide = Zone("Country", [], [], charge: 900);
    private static readonly ShippingZone North = Zone("North", [], ["North"], charge: 500);
    private static readonly ShippingZone Prefix56 = Zone("56", ["56"], [], charge: 300);
    private static readonly ShippingZone Prefix560 = Zone("560", ["560"], [], charge: 100);

    [Fact]
    public void The_parcel_weighs_and_costs_the_sum_of_its_lines_times_their_quantities()
    {
        var zone = Zone("All", [], [], charge: 0) with { WeightRates = [new WeightRate(1_000, 100), new WeightRate(2_300, 250), new WeightRate(null, 900)] };

        var quote = ShippingRates.Quote([zone], To("11111"), [new ParcelLine(700, 2, 800), new ParcelLine(150, 3, 233)]);

        Assert.Equal(2 * 700 + (3 * 150), quote.ItemsTotal);
        Assert.Equal((2 * 800) + (3 * 233), quote.WeightGrams);
        Assert.Equal(250, quote.Charge);
        Assert.Equal(zone.Id, quote.ZoneId);
    }

    [Fact]
    public void A_weight_on_a_bracket_bound_takes_that_bracket_and_the_open_bracket_takes_the_rest()
    {
        var zone = Zone("All", [], [], charge: 0) with { WeightRates = [new WeightRate(1_000, 100), new WeightRate(null, 900)] };

        Assert.Equal(100, ShippingRates.Quote([zone], To("1"), [new ParcelLine(1, 1, 1_000)]).Charge);
        Assert.Equal(900, ShippingRates.Quote([zone], To("1"), [new ParcelLine(1, 1, 1_001)]).Charge);
        Assert.Equal(900, ShippingRates.Quote([zone], To("1"), [new ParcelLine(1, 10_000, ProductMaxWeight)]).Charge);
    }

    [Fact]
    public void A_parcel_heavier_than_every_bracket_is_refused_with_its_weight()
    {
        var zone = Zone("Light", [], [], charge: 0) with { WeightRates = [new WeightRate(1_000, 100), new WeightRate(2_000, 200)] };

        var quote = ShippingRates.Quote([zone], To("1"), [new ParcelLine(10, 3, 700)]);

        Assert.False(quote.Serviceable);
        Assert.Equal(ErrorCodes.ParcelTooHeavy, quote.Refusal!.Code);
        Assert.Equal(2_100, quote.Refusal.Figures!["weightGrams"]);
        Assert.Equal(2_000, quote.Refusal.Figures["maxWeightGrams"]);
    }

    [Fact]
    public void A_value_bracket_adds_to_the_weight_bracket_and_a_value_past_every_bracket_adds_nothing()
    {
        var zone = Zone("Valued", [], [], charge: 400) with { ValueRates = [new ValueRate(1_000, 150), new ValueRate(5_000, 50)] };

        Assert.Equal(550, ShippingRates.Quote([zone], To("1"), [new ParcelLine(1_000, 1, 10)]).Charge);
        Assert.Equal(450, ShippingRates.Quote([zone], To("1"), [new ParcelLine(1_001, 1, 10)]).Charge);
        Assert.Equal(400, ShippingRates.Quote([zone], To("1"), [new ParcelLine(5_001, 1, 10)]).Charge);
    }

    [Fact]
    public void An_order_worth_the_free_shipping_threshold_ships_free_and_one_unit_less_does_not()
    {
        var zone = Zone("Free", [], [], charge: 400) with { FreeShippingThreshold = 2_000, ValueRates = [new ValueRate(null, 75)] };

        Assert.Equal(0, ShippingRates.Quote([zone], To("1"), [new ParcelLine(1_000, 2, 10)]).Charge);
        Assert.Equal(475, ShippingRates.Quote([zone], To("1"), [new ParcelLine(1_999, 1, 10)]).Charge);
    }

    [Fact]
    public void With_no_zone_at_all_everything_ships_at_no_charge()
    {
        var quote = ShippingRates.Quote([], new ShippingDestination("ZZ", "anything", ""), [new ParcelLine(500, 2, 100_000)]);

        Assert.True(quote.Serviceable);
        Assert.Equal((1_000, 200_000, 0), (quote.ItemsTotal, quote.WeightGrams, quote.Charge));
        Assert.Null(quote.ZoneId);
    }

    [Theory]
    [InlineData("5601", "", "560")]
    [InlineData("5699", "North", "56")]
    [InlineData("7000", "north", "North")]
    [InlineData("7000", " North ", "North")]
    [InlineData("7000", "South", "Country")]
    [InlineData("56 01", "", "560")]
    public void The_longest_postal_prefix_wins_then_the_region_then_the_whole_country(string postalCode, string region, string expected)
    {
        var zones = new[] { CountryWide, North, Prefix56, Prefix560 };

        Assert.Equal(expected, ShippingRates.Match(zones, new ShippingDestination("XC", postalCode, region))?.Name);
        Assert.Equal(expected, ShippingRates.Match(zones.Reverse(), new ShippingDestination("xc", postalCode, region))?.Name);
    }

    [Fact]
    public void An_address_no_zone_covers_is_unserviceable_once_any_zone_exists()
    {
        var quote = ShippingRates.Quote([Prefix56, North], new ShippingDestination("XC", "7000", "South"), [new ParcelLine(1, 1, 1)]);
        var elsewhere = ShippingRates.Quote([CountryWide], new ShippingDestination("XD", "5601", ""), [new ParcelLine(1, 1, 1)]);

        Assert.Equal((ErrorCodes.AddressUnserviceable, "shippingAddress.postalCode"), (quote.Refusal!.Code, quote.Refusal.Field));
        Assert.Equal(ErrorCodes.AddressUnserviceable, elsewhere.Refusal!.Code);
    }

    [Fact]
    public void Postal_codes_compare_without_spaces_hyphens_or_case()
    {
        var london = Zone("London", ["SW1A"], [], charge: 100);

        Assert.Equal("SW1A1AA", ShippingDestination.NormalizePostalCode(" sw1a-1aa "));
        Assert.Equal("London", ShippingRates.Match([london], new ShippingDestination("XC", "sw1a 1aa", ""))?.Name);
    }

    [Fact]
    public void Zones_of_one_country_may_not_claim_the_same_prefix_region_or_whole_country()
    {
        Assert.Equal("postalPrefixes", ShippingRates.Conflict(Zone("Other", ["9", "56"], [], 1), [Prefix56])?.Field);
        Assert.Equal("regions", ShippingRates.Conflict(Zone("Other", [], ["NORTH"], 1), [North])?.Field);
        Assert.Equal("country", ShippingRates.Conflict(Zone("Other", [], [], 1), [CountryWide])?.Field);
        Assert.Null(ShippingRates.Conflict(Zone("Longer", ["5601"], [], 1), [Prefix56, Prefix560, North, CountryWide]));
        Assert.Null(ShippingRates.Conflict(Zone("Abroad", ["56"], [], 1) with { Country = "XD" }, [Prefix56]));
        Assert.Null(ShippingRates.Conflict(Prefix56 with { Name = "Renamed" }, [Prefix56]));
    }

    private const int ProductMaxWeight = GrainMarket.Catalog.ProductWeights.MaxGrams;

    private static ShippingDestination To(string postalCode) => new("XC", postalCode, "");

    private static ShippingZone Zone(string name, string[] prefixes, string[] regions, long charge) =>
        new(Guid.NewGuid(), name, "XC", prefixes, regions, [new WeightRate(null, charge)], [], null, null);
}
