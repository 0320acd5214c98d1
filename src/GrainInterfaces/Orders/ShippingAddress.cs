namespace GrainMarket.Orders;

public sealed record ShippingAddress(string Line1, string City, string Region, string PostalCode, string Country);
