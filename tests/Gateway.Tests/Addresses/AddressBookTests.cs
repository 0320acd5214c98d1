using System.Net;
using System.Net.Http.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Addresses;

/// <summary>The address book through HTTP: saving, the default, the cap, validation against the geography, and privacy.</summary>
public sealed class AddressBookTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_address_is_the_default_and_removing_the_default_makes_the_oldest_remaining_one_default()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var home = (await AddressSeed.SaveAsync(user, AddressSeed.Home("Home"))).GetProperty("id").GetGuid();
        var work = (await AddressSeed.SaveAsync(user, AddressSeed.Home("Work"))).GetProperty("id").GetGuid();
        var cabinBody = AddressSeed.Home("Cabin");
        cabinBody["isDefault"] = true;
        var cabin = await AddressSeed.SaveAsync(user, cabinBody);

        Assert.True(cabin.GetProperty("isDefault").GetBoolean());
        var listed = await AddressSeed.ListAsync(user);
        Assert.Equal(["Home", "Work", "Cabin"], listed.Select(a => a.GetProperty("label").GetString()));
        Assert.Equal(cabin.GetProperty("id").GetGuid(), AddressSeed.DefaultOf(listed));

        var madeDefault = await Json.ReadAsync(await user.Client.PostAsync(new Uri($"/api/me/addresses/{work}/default", UriKind.Relative), null, Ct));
        Assert.True(madeDefault.GetProperty("isDefault").GetBoolean());
        Assert.Equal(work, AddressSeed.DefaultOf(await AddressSeed.ListAsync(user)));

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync(new Uri($"/api/me/addresses/{work}", UriKind.Relative), Ct)).StatusCode);
        listed = await AddressSeed.ListAsync(user);
        Assert.Equal(["Home", "Cabin"], listed.Select(a => a.GetProperty("label").GetString()));
        Assert.Equal(home, AddressSeed.DefaultOf(listed));

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync(new Uri($"/api/me/addresses/{home}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(cabin.GetProperty("id").GetGuid(), AddressSeed.DefaultOf(await AddressSeed.ListAsync(user)));
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync(new Uri($"/api/me/addresses/{cabin.GetProperty("id").GetGuid()}", UriKind.Relative), Ct)).StatusCode);
        Assert.Empty(await AddressSeed.ListAsync(user));
        await Problems.AssertAsync(await user.Client.DeleteAsync(new Uri($"/api/me/addresses/{home}", UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound);
    }

    [Fact]
    public async Task The_addresses_read_model_is_written_with_the_book()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var (punjab, lahore) = await AddressSeed.SeededAsync(user.Client, "Punjab", "Lahore");
        var home = (await AddressSeed.SaveAsync(user, AddressSeed.Home("Home"))).GetProperty("id").GetGuid();
        var office = (await AddressSeed.SaveAsync(user, AddressSeed.InPakistan(punjab, lahore, "Office"))).GetProperty("id").GetGuid();
        var spare = (await AddressSeed.SaveAsync(user, AddressSeed.Home("Spare"))).GetProperty("id").GetGuid();
        await Json.ReadAsync(await user.Client.PostAsync(new Uri($"/api/me/addresses/{office}/default", UriKind.Relative), null, Ct));
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync(new Uri($"/api/me/addresses/{spare}", UriKind.Relative), Ct)).StatusCode);

        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT id, label, city, region, province_id, city_id, is_default FROM addresses WHERE user_id = $1 ORDER BY created_at, id");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user.Id });
        var rows = new List<(Guid, string, string, string, Guid?, Guid?, bool)>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetBoolean(6)));
            }
        }

        Assert.Equal(
            [(home, "Home", "Springfield", "IL", null, null, false), (office, "Office", "Lahore", "Punjab", punjab, lahore, true)],
            rows);
    }

    [Fact]
    public async Task A_saved_address_answers_every_field_and_a_replacement_changes_them()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var saved = await AddressSeed.SaveAsync(user, AddressSeed.Home());
        var id = saved.GetProperty("id").GetGuid();

        Assert.Equal(
            ("Home", "12 Elm Street", "Springfield", "IL", "62704", "US", "+12175550100", 39.7817, -89.6501),
            (saved.GetProperty("label").GetString(), saved.GetProperty("line1").GetString(), saved.GetProperty("city").GetString(), saved.GetProperty("region").GetString(),
             saved.GetProperty("postalCode").GetString(), saved.GetProperty("country").GetString(), saved.GetProperty("phone").GetString(),
             saved.GetProperty("latitude").GetDouble(), saved.GetProperty("longitude").GetDouble()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, saved.GetProperty("provinceId").ValueKind);

        var body = AddressSeed.Home("Parents");
        body["line1"] = "99 Oak Avenue";
        body["country"] = "us";
        body.Remove("phone");
        body.Remove("latitude");
        body.Remove("longitude");
        var replaced = await Json.ReadAsync(await user.Client.PutAsJsonAsync($"/api/me/addresses/{id}", body, Ct));
        var read = await Json.ReadAsync(await user.Client.GetAsync(new Uri($"/api/me/addresses/{id}", UriKind.Relative), Ct));

        foreach (var answer in new[] { replaced, read })
        {
            Assert.Equal(("Parents", "99 Oak Avenue", "US", true), (answer.GetProperty("label").GetString(), answer.GetProperty("line1").GetString(), answer.GetProperty("country").GetString(), answer.GetProperty("isDefault").GetBoolean()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.GetProperty("phone").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.GetProperty("latitude").ValueKind);
        }

        await Problems.AssertAsync(await user.Client.PutAsJsonAsync($"/api/me/addresses/{Guid.NewGuid()}", body, Ct), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound);
    }

    [Fact]
    public async Task A_retried_save_with_the_same_key_saves_one_address()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var key = Guid.NewGuid().ToString();

        var first = await AddressSeed.SaveAsync(user, AddressSeed.Home(), key);
        var retried = await AddressSeed.SaveAsync(user, AddressSeed.Home(), key);

        Assert.Equal(first.GetProperty("id").GetGuid(), retried.GetProperty("id").GetGuid());
        Assert.Single(await AddressSeed.ListAsync(user));
    }

    [Fact]
    public async Task A_book_holds_at_most_twenty_addresses()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        for (var i = 0; i < 20; i++)
        {
            await AddressSeed.SaveAsync(user, AddressSeed.Home($"Address {i}"));
        }

        var full = await Problems.AssertAsync(await AddressSeed.PostAsync(user, AddressSeed.Home("One too many")), HttpStatusCode.Conflict, ErrorCodes.AddressBookFull);

        Assert.Equal(20, full.GetProperty("limit").GetInt32());
        var listed = await AddressSeed.ListAsync(user);
        Assert.Equal(20, listed.Length);
        Assert.DoesNotContain(listed, a => a.GetProperty("label").GetString() == "One too many");
    }

    [Fact]
    public async Task Another_users_address_answers_as_one_that_does_not_exist()
    {
        using var owner = await TestUsers.CreateAsync(factory, "buyer");
        using var other = await TestUsers.CreateAsync(factory, "buyer");
        var id = (await AddressSeed.SaveAsync(owner, AddressSeed.Home())).GetProperty("id").GetGuid();
        var path = $"/api/me/addresses/{id}";

        await Problems.AssertAsync(await other.Client.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound);
        await Problems.AssertAsync(await other.Client.PutAsJsonAsync(path, AddressSeed.Home("Mine now"), Ct), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound);
        await Problems.AssertAsync(await other.Client.PostAsync(new Uri($"{path}/default", UriKind.Relative), null, Ct), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound);
        await Problems.AssertAsync(await other.Client.DeleteAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.NotFound, ErrorCodes.AddressNotFound);

        Assert.Empty(await AddressSeed.ListAsync(other));
        var kept = Assert.Single(await AddressSeed.ListAsync(owner));
        Assert.Equal(("Home", true), (kept.GetProperty("label").GetString(), kept.GetProperty("isDefault").GetBoolean()));
    }

    [Fact]
    public async Task Province_and_city_ids_fill_in_the_region_and_city_names()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var (punjab, lahore) = await AddressSeed.SeededAsync(user.Client, "Punjab", "Lahore");

        var saved = await AddressSeed.SaveAsync(user, AddressSeed.InPakistan(punjab, lahore));
        var spelled = AddressSeed.InPakistan(punjab, lahore);
        spelled["region"] = "punjab";
        spelled["city"] = "LAHORE";
        var spelledOut = await AddressSeed.SaveAsync(user, spelled);

        foreach (var address in new[] { saved, spelledOut })
        {
            Assert.Equal(("Punjab", "Lahore", "PK"), (address.GetProperty("region").GetString(), address.GetProperty("city").GetString(), address.GetProperty("country").GetString()));
            Assert.Equal((punjab, lahore), (address.GetProperty("provinceId").GetGuid(), (Guid?)address.GetProperty("cityId").GetGuid()));
        }
    }

    [Fact]
    public async Task Unknown_or_mismatched_places_and_bad_fields_are_refused_and_nothing_is_saved()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var (punjab, lahore) = await AddressSeed.SeededAsync(user.Client, "Punjab", "Lahore");
        var (sindh, karachi) = await AddressSeed.SeededAsync(user.Client, "Sindh", "Karachi");

        var cases = new (Action<Dictionary<string, object?>> Change, string Field)[]
        {
            (b => b["provinceId"] = Guid.NewGuid(), "provinceId"),
            (b => b["cityId"] = karachi, "cityId"),
            (b => b["cityId"] = Guid.NewGuid(), "cityId"),
            (b => b["country"] = "IN", "provinceId"),
            (b => b["provinceId"] = null, "provinceId"),
            (b => b["region"] = "Sindh", "region"),
            (b => b["city"] = "Multan", "city"),
            (b => b["label"] = " ", "label"),
            (b => b["label"] = new string('l', 51), "label"),
            (b => b["line1"] = null, "line1"),
            (b => b["postalCode"] = null, "postalCode"),
            (b => b["country"] = "Pakistan", "country"),
            (b => b["phone"] = "0300-1234567", "phone"),
            (b => b["latitude"] = 31.5, "longitude"),
        };
        foreach (var (change, field) in cases)
        {
            var body = AddressSeed.InPakistan(punjab, lahore);
            change(body);
            await Problems.AssertAsync(await AddressSeed.PostAsync(user, body), HttpStatusCode.BadRequest, ErrorCodes.Validation, field);
        }

        var noCity = AddressSeed.InPakistan(sindh, null);
        await Problems.AssertAsync(await AddressSeed.PostAsync(user, noCity), HttpStatusCode.BadRequest, ErrorCodes.Validation, "city");
        Assert.Empty(await AddressSeed.ListAsync(user));
    }
}
