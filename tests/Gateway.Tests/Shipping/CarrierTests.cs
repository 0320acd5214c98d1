using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GrainMarket.ApiGateway.Carriers;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Orders;

namespace GrainMarket.Gateway.Tests.Shipping;

/// <summary>The carrier port: the HTTP adapter against a local stand-in of its API, and shipping with it end to end.</summary>
public sealed class CarrierTests
{
    private const string Secret = "carrier-webhook-secret-for-tests";

    private static readonly ShippingAddress Mumbai = new("12 Marine Drive", "Mumbai", "MH", "400020", "IN", "+919800000000");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_adapter_books_labels_cancels_and_books_return_pickups_against_the_stand_in()
    {
        await using var standIn = await CarrierStandIn.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = standIn.BaseAddress };
        var carrier = new DelhiveryCarrier(http, new CarrierSettings("delhivery", standIn.BaseAddress, standIn.Token, Secret));

        var booked = await carrier.CreateShipmentAsync(new ShipmentRequest("ref-1", Mumbai, 1_400, 4_000, "2 × Tea"), Ct);
        var again = await carrier.CreateShipmentAsync(new ShipmentRequest("ref-1", Mumbai, 1_400, 4_000, "2 × Tea"), Ct);
        var label = await carrier.LabelAsync(booked.TrackingNumber, Ct);
        await carrier.CancelAsync(booked.TrackingNumber, Ct);
        var pickup = await carrier.ReturnPickupAsync(new ShipmentRequest("ret-1", Mumbai, 700, 2_000, "1 × Tea"), Ct);

        Assert.Equal(booked, again);
        var package = standIn.Bookings["ref-1"].Package;
        Assert.Equal(("400020", "IN", "1400", "4000", "Prepaid"), (package["pin"]!.GetValue<string>(), package["country"]!.GetValue<string>(), package["weight"]!.GetValue<string>(), package["total_amount"]!.GetValue<string>(), package["payment_mode"]!.GetValue<string>()));
        Assert.Equal(new Uri($"https://labels.carrier.test/{booked.TrackingNumber}.pdf"), label);
        Assert.True(standIn.Cancelled.ContainsKey(booked.TrackingNumber));
        Assert.NotEqual(booked.TrackingNumber, pickup.TrackingNumber);
        Assert.Equal("Pickup", standIn.Bookings["ret-1"].Package["payment_mode"]!.GetValue<string>());
        await Assert.ThrowsAsync<CarrierException>(() => carrier.CancelAsync("WB-NO-SUCH", Ct));
    }

    [Fact]
    public async Task A_wrong_token_a_refused_booking_or_an_unreachable_carrier_is_a_carrier_exception()
    {
        await using var standIn = await CarrierStandIn.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = standIn.BaseAddress };
        using var nowhere = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var parcel = new ShipmentRequest("ref-2", Mumbai, 100, 100, "1 × Tea");

        var wrongToken = await Assert.ThrowsAsync<CarrierException>(() => new DelhiveryCarrier(http, new CarrierSettings("delhivery", standIn.BaseAddress, "wrong", Secret)).CreateShipmentAsync(parcel, Ct));
        standIn.RefuseBookings = "Pincode not serviceable";
        var refused = await Assert.ThrowsAsync<CarrierException>(() => new DelhiveryCarrier(http, new CarrierSettings("delhivery", standIn.BaseAddress, standIn.Token, Secret)).CreateShipmentAsync(parcel, Ct));
        await Assert.ThrowsAsync<CarrierException>(() => new DelhiveryCarrier(nowhere, new CarrierSettings("delhivery", nowhere.BaseAddress!, standIn.Token, Secret)).CreateShipmentAsync(parcel, Ct));

        Assert.Contains("401", wrongToken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(standIn.Token, wrongToken.Message, StringComparison.Ordinal);
        Assert.Contains("Pincode not serviceable", refused.Message, StringComparison.Ordinal);
        Assert.Empty(standIn.Bookings);
    }

    [Fact]
    public void A_callback_signature_covers_the_exact_body_under_the_secret()
    {
        var body = Encoding.UTF8.GetBytes("{\"eventId\":\"e1\"}");
        var signature = CarrierSignature.Sign(body, Secret);

        Assert.True(CarrierSignature.IsValid(body, signature, Secret));
        Assert.False(CarrierSignature.IsValid(Encoding.UTF8.GetBytes("{\"eventId\":\"e2\"}"), signature, Secret));
        Assert.False(CarrierSignature.IsValid(body, signature, Secret + "x"));
        Assert.False(CarrierSignature.IsValid(body, signature[7..], Secret));
        Assert.False(CarrierSignature.IsValid(body, "sha256=" + new string('z', 64), Secret));
        Assert.False(CarrierSignature.IsValid(body, null, Secret));
    }

    [Fact]
    public async Task A_seller_ships_with_the_carrier_whose_signed_callbacks_deliver_the_order_and_the_platform_keeps_the_shipping()
    {
        await using var standIn = await CarrierStandIn.StartAsync(Ct);
        await using var factory = await WithCarrierAsync(standIn);
        using var admin = await TestUsers.AdminAsync(factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("India", "IN", weights: [(null, 600)]));
        var shop = new Shop(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var body = new { title = CatalogSeed.UniqueName("tea"), description = "Assam.", categoryId = await shop.CategoryAsync(), price = 2_000, stock = 5, weightGrams = 700 };
        var product = (await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/products", body, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var buyer = await shop.BuyerAsync(10_000);
        var address = new { line1 = Mumbai.Line1, city = Mumbai.City, region = Mumbai.Region, postalCode = Mumbai.PostalCode, country = Mumbai.Country, phone = Mumbai.Phone };
        var placed = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 2, shippingAddress = address }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = placed.GetProperty("id").GetGuid();
        Assert.Equal((600, 4_600), (placed.GetProperty("shippingCharge").GetInt64(), placed.GetProperty("total").GetInt64()));
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct));

        var wrongCarrier = await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "fedex" }, Ct);
        var shipped = await Json.ReadAsync(await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "delhivery" }, Ct));
        var retried = await Json.ReadAsync(await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "Delhivery" }, Ct));

        await Problems.AssertAsync(wrongCarrier, HttpStatusCode.BadRequest, "validation-failed", "carrier");
        var reference = $"{orderId:N}-{seller.Id:N}";
        var (waybill, package) = Assert.Single(standIn.Bookings).Value;
        Assert.Equal(reference, package["order"]!.GetValue<string>());
        Assert.Equal(("1400", "4000", "400020", "+919800000000"), (package["weight"]!.GetValue<string>(), package["total_amount"]!.GetValue<string>(), package["pin"]!.GetValue<string>(), package["phone"]!.GetValue<string>()));
        Assert.Equal("shipped", shipped.GetProperty("status").GetString());
        var shipment = shipped.GetProperty("shipments").GetProperty(seller.Id.ToString());
        Assert.Equal(("delhivery", waybill, $"https://labels.carrier.test/{waybill}.pdf"), (shipment.GetProperty("carrier").GetString(), shipment.GetProperty("trackingNumber").GetString(), shipment.GetProperty("labelUrl").GetString()));
        Assert.Equal(waybill, retried.GetProperty("shipments").GetProperty(seller.Id.ToString()).GetProperty("trackingNumber").GetString());

        using var carrier = factory.CreateClient();
        async Task<HttpResponseMessage> CallbackAsync(object report, string? signature = null, string name = "delhivery")
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(report);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shipping/carriers/{name}/callbacks") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(CarrierSignature.Header, signature ?? CarrierSignature.Sign(bytes, Secret));
            return await carrier.SendAsync(request, Ct);
        }

        var outForDelivery = new { eventId = "e1", waybill, reference, status = "OUT_FOR_DELIVERY" };
        await Problems.AssertAsync(await CallbackAsync(outForDelivery, signature: CarrierSignature.Sign("{}"u8, Secret)), HttpStatusCode.Unauthorized, "invalid-signature", CarrierSignature.Header);
        await Problems.AssertAsync(await CallbackAsync(outForDelivery, name: "bluedart"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal("shipped", (await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct))).GetProperty("status").GetString());
        var first = await Json.ReadAsync(await CallbackAsync(outForDelivery));
        var repeated = await Json.ReadAsync(await CallbackAsync(outForDelivery));
        var inTransit = await Json.ReadAsync(await CallbackAsync(new { eventId = "e0", waybill, reference, status = "IN_TRANSIT" }));
        await Problems.AssertAsync(await CallbackAsync(new { eventId = "e9", waybill = "WB-OTHER", reference, status = "DELIVERED" }), HttpStatusCode.NotFound, "order-not-found");
        await Problems.AssertAsync(await CallbackAsync(new { eventId = "e8", waybill, reference = "nonsense", status = "DELIVERED" }), HttpStatusCode.BadRequest, "validation-failed", "reference");
        var delivered = await Json.ReadAsync(await CallbackAsync(new { eventId = "e2", waybill, reference, status = "DELIVERED" }));

        Assert.Equal((true, "out-for-delivery"), (first.GetProperty("applied").GetBoolean(), first.GetProperty("orderStatus").GetString()));
        Assert.Equal("out-for-delivery", repeated.GetProperty("orderStatus").GetString());
        Assert.False(inTransit.GetProperty("applied").GetBoolean());
        Assert.Equal("delivered", delivered.GetProperty("orderStatus").GetString());
        var order = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));
        Assert.Equal(["placed", "processing", "shipped", "out-for-delivery", "delivered"], order.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("status").GetString()));

        // A platform carrier carried it: the seller gets the goods minus the 2% fee, the platform the fee and the shipping.
        await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct));
        var wallet = await Shop.WalletAsync(buyer);
        Assert.Equal((5_400, 0), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));
        Assert.Equal(4_000 - 80, (await Shop.WalletAsync(seller)).GetProperty("available").GetInt64());
        var audit = await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct));
        Assert.True(audit.GetProperty("consistent").GetBoolean(), audit.ToString());
        Assert.Empty(standIn.Cancelled);
    }

    [Fact]
    public async Task A_failed_booking_ships_nothing()
    {
        await using var standIn = await CarrierStandIn.StartAsync(Ct);
        await using var factory = await WithCarrierAsync(standIn);
        var shop = new Shop(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 500);
        using var buyer = await shop.BuyerAsync(1_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, Ct));
        standIn.RefuseBookings = "Pincode not serviceable";

        await Problems.AssertAsync(await seller.Client.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "delhivery" }, Ct), HttpStatusCode.BadGateway, "carrier-failed");

        var order = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct));
        Assert.Equal("processing", order.GetProperty("status").GetString());
        Assert.Empty(order.GetProperty("shipments").EnumerateObject());
    }

    /// <summary>A silo of its own whose platform carrier is <paramref name="standIn"/>.</summary>
    private static Task<IsolatedFactory> WithCarrierAsync(CarrierStandIn standIn) => IsolatedFactory.StartAsync(
        new Dictionary<string, string>
        {
            ["GRAINMARKET_CARRIER_NAME"] = "delhivery",
            ["GRAINMARKET_CARRIER_URL"] = standIn.BaseAddress.AbsoluteUri,
            ["GRAINMARKET_CARRIER_TOKEN"] = standIn.Token,
            ["GRAINMARKET_CARRIER_WEBHOOK_SECRET"] = Secret,
        },
        Ct);
}
