using System.Globalization;
using System.Text.Json.Nodes;

namespace GrainMarket.StripeStandIn;

/// <summary>
/// The stand-in's Stripe Connect: Express accounts, their onboarding links, transfers to them, and the stand-in's own
/// endpoint that completes an account's onboarding (what the seller does at Stripe).
/// </summary>
public sealed partial class StripeStandInServer
{
    private void MapConnect()
    {
        _app.MapPost("/v1/accounts", context => IdempotentAsync(context, CreateAccount));
        _app.MapGet("/v1/accounts/{id}", async context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            await WriteAsync(context, _accounts.TryGetValue(id, out var account) ? 200 : 404, account?.ToJsonString() ?? Missing("account", id));
        });
        _app.MapPost("/v1/account_links", context => IdempotentAsync(context, CreateAccountLink));
        _app.MapPost("/v1/transfers", context => IdempotentAsync(context, CreateTransfer));
        _app.MapGet("/v1/transfers", async context =>
        {
            var destination = context.Request.Query["destination"].ToString();
            var group = context.Request.Query["transfer_group"].ToString();
            var data = new JsonArray([.. _transfers.Reverse()
                .Where(t => (destination.Length == 0 || (string?)t["destination"] == destination) && (group.Length == 0 || (string?)t["transfer_group"] == group))
                .Select(t => t.DeepClone())]);
            await WriteAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/transfers" }.ToJsonString());
        });
        _app.MapPost("/standin/accounts/{id}/complete_onboarding", context => IdempotentAsync(context, CompleteOnboarding));
    }

    private (int, string) CreateAccount(HttpContext context, IFormCollection form, List<(string Type, JsonObject Object)> emit)
    {
        var id = NewId("acct");
        var account = new JsonObject
        {
            ["id"] = id,
            ["object"] = "account",
            ["type"] = form["type"].ToString() is { Length: > 0 } type ? type : "express",
            ["charges_enabled"] = false,
            ["payouts_enabled"] = false,
            ["details_submitted"] = false,
            ["capabilities"] = new JsonObject { ["transfers"] = form["capabilities[transfers][requested]"] == "true" ? "inactive" : null },
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["metadata"] = Metadata(form),
        };
        _accounts[id] = account;
        return (200, account.ToJsonString());
    }

    private (int, string) CreateAccountLink(HttpContext context, IFormCollection form, List<(string Type, JsonObject Object)> emit)
    {
        var id = form["account"].ToString();
        if (!_accounts.ContainsKey(id))
        {
            return (400, Error("invalid_request_error", $"No such account: '{id}'", "account", "resource_missing"));
        }

        foreach (var required in new[] { "refresh_url", "return_url", "type" })
        {
            if (string.IsNullOrEmpty(form[required]))
            {
                return (400, Error("invalid_request_error", $"Missing required param: {required}.", required, "parameter_missing"));
            }
        }

        if (form["type"] != "account_onboarding" && form["type"] != "account_update")
        {
            return (400, Error("invalid_request_error", "Invalid type: must be one of account_onboarding or account_update", "type", "parameter_invalid"));
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var url = new Uri(BaseAddress, $"/standin/onboarding/{id}/{Guid.NewGuid():N}").AbsoluteUri;
        return (200, new JsonObject { ["object"] = "account_link", ["created"] = now, ["expires_at"] = now + 300, ["url"] = url }.ToJsonString());
    }

    private (int, string) CreateTransfer(HttpContext context, IFormCollection form, List<(string Type, JsonObject Object)> emit)
    {
        if (!long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return (400, Error("invalid_request_error", "Missing required param: amount.", "amount", "parameter_missing"));
        }

        if (string.IsNullOrEmpty(form["currency"]))
        {
            return (400, Error("invalid_request_error", "Missing required param: currency.", "currency", "parameter_missing"));
        }

        var destination = form["destination"].ToString();
        if (!_accounts.TryGetValue(destination, out var account))
        {
            return (400, Error("invalid_request_error", $"No such destination: '{destination}'", "destination", "resource_missing"));
        }

        if ((string?)account["capabilities"]?["transfers"] != "active")
        {
            return (400, Error(
                "invalid_request_error",
                "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
                "destination",
                "insufficient_capabilities_for_transfer"));
        }

        var transfer = new JsonObject
        {
            ["id"] = NewId("tr"),
            ["object"] = "transfer",
            ["amount"] = amount,
            ["amount_reversed"] = 0L,
            ["currency"] = form["currency"].ToString().ToLowerInvariant(),
            ["destination"] = destination,
            ["transfer_group"] = form["transfer_group"].ToString() is { Length: > 0 } group ? group : null,
            ["metadata"] = Metadata(form),
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["reversed"] = false,
        };
        _transfers.Enqueue(transfer);
        return (200, transfer.ToJsonString());
    }

    /// <summary>The seller finished Stripe's onboarding: the account can take charges, transfers and payouts, and says so in an <c>account.updated</c>.</summary>
    private (int, string) CompleteOnboarding(HttpContext context, IFormCollection form, List<(string Type, JsonObject Object)> emit)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!_accounts.TryGetValue(id, out var account))
        {
            return (404, Missing("account", id));
        }

        account["charges_enabled"] = true;
        account["payouts_enabled"] = true;
        account["details_submitted"] = true;
        account["capabilities"] = new JsonObject { ["transfers"] = "active" };
        emit.Add(("account.updated", (JsonObject)account.DeepClone()));
        return (200, account.ToJsonString());
    }
}
