using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrainMarket.ApiGateway.Carriers;

/// <summary>
/// An adapter for a Delhivery-style JSON API, authenticated by <c>Authorization: Token …</c>: bookings and return
/// pickups are <c>POST /api/cmu/create.json</c> (<c>payment_mode</c> Prepaid or Pickup) answering a waybill per
/// package, labels <c>GET /api/p/packing_slip?wbns=</c>, cancellations <c>POST /api/p/edit</c>.
/// </summary>
public sealed class DelhiveryCarrier(HttpClient http, CarrierSettings settings) : ICarrier
{
    public string Name => settings.Name;

    public Task<CarrierBooking> CreateShipmentAsync(ShipmentRequest shipment, CancellationToken cancellationToken) =>
        BookAsync(shipment, "Prepaid", cancellationToken);

    public Task<CarrierBooking> ReturnPickupAsync(ShipmentRequest pickup, CancellationToken cancellationToken) =>
        BookAsync(pickup, "Pickup", cancellationToken);

    public async Task<Uri> LabelAsync(string trackingNumber, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/p/packing_slip?wbns={Uri.EscapeDataString(trackingNumber)}"), "label", cancellationToken);
        var link = answer["packages"]?.AsArray().FirstOrDefault()?["pdf_download_link"]?.GetValue<string>();
        return Uri.TryCreate(link, UriKind.Absolute, out var label)
            ? label
            : throw new CarrierException($"{Name} returned no label for waybill {trackingNumber}.");
    }

    public async Task CancelAsync(string trackingNumber, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/p/edit") { Content = JsonContent.Create(new { waybill = trackingNumber, cancellation = "true" }) }, "cancellation", cancellationToken);
        if (answer["status"]?.GetValue<bool>() != true)
        {
            throw new CarrierException($"{Name} refused to cancel waybill {trackingNumber}: {answer["remark"]}");
        }
    }

    private async Task<CarrierBooking> BookAsync(ShipmentRequest shipment, string paymentMode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var address = shipment.Address;
        var package = new Dictionary<string, object?>
        {
            ["order"] = shipment.Reference,
            ["name"] = address.Line1,
            ["add"] = address.Line1,
            ["city"] = address.City,
            ["state"] = address.Region,
            ["pin"] = address.PostalCode,
            ["country"] = address.Country,
            ["phone"] = address.Phone,
            ["weight"] = shipment.WeightGrams.ToString(CultureInfo.InvariantCulture),
            ["total_amount"] = shipment.DeclaredValue.ToString(CultureInfo.InvariantCulture),
            ["products_desc"] = shipment.Contents,
            ["payment_mode"] = paymentMode,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "api/cmu/create.json") { Content = JsonContent.Create(new { shipments = new[] { package } }) };
        var answer = await SendAsync(request, "booking", cancellationToken);
        var booked = answer["packages"]?.AsArray().FirstOrDefault(p => p?["refnum"]?.GetValue<string>() == shipment.Reference);
        if (answer["success"]?.GetValue<bool>() != true || booked?["waybill"]?.GetValue<string>() is not { Length: > 0 } waybill)
        {
            throw new CarrierException($"{Name} refused the booking of {shipment.Reference}: {answer["rmk"] ?? booked?["remarks"]}");
        }

        return new CarrierBooking(waybill, shipment.Reference);
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Token {settings.Token}");
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CarrierException($"{Name} answered the {what} with {(int)response.StatusCode}.");
                }

                return JsonNode.Parse(text) ?? throw new CarrierException($"{Name} answered the {what} with an empty body.");
            }
            catch (Exception exception) when (exception is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new CarrierException($"{Name} could not be reached for the {what}: {exception.Message}", exception);
            }
        }
    }
}
