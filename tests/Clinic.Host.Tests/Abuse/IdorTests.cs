using System.Net;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Signed in as clinic A's owner, every id of clinic B's (and of a colleague's) answers exactly as an unknown id does:
/// 404 (or 410 for links), never 403, never its data, and nothing of B's changes. Malformed ids never answer 500.
/// </summary>
public abstract class IdorTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : AttackedClinics
{
    public Task InitializeAsync() => clinics.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(IdorCases.RecordRoutes), MemberType = typeof(IdorCases))]
    public async Task Another_clinic_s_id_answers_as_an_unknown_id_does_and_shows_none_of_its_data(string route)
    {
        var idor = IdorCases.For(route);
        var theirs = idor.Path(Uri.EscapeDataString(idor.OtherClinicsId!(clinics.RecordsOfB)));
        var unknown = idor.Path(Guid.CreateVersion7().ToString());
        var owner = OwnerOfA;
        var before = await clinics.StateOfAsync(clinics.B.Id);

        var (opened, openedPage) = await GetAsync(owner, theirs);
        var (openedUnknown, _) = await GetAsync(owner, unknown);

        Assert.Equal(idor.Unknown, opened.StatusCode);
        Assert.Equal(openedUnknown.StatusCode, opened.StatusCode);
        AssertShowsNothingOfB(openedPage);
        if (idor.Form is { } form)
        {
            var posted = await PostAsync(owner, theirs, form);
            var postedUnknown = await PostAsync(owner, unknown, form);

            Assert.Equal(postedUnknown.StatusCode, posted.StatusCode);
            // A link page without a usable link renders no form, so the framework refuses the post itself with a 400.
            Assert.True(posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.BadRequest, $"Posting to {route} with clinic B's id answered {(int)posted.StatusCode}.");
            AssertShowsNothingOfB(await posted.Content.ReadAsStringAsync());
        }

        Assert.Equal(before, await clinics.StateOfAsync(clinics.B.Id));
    }

    [Theory]
    [MemberData(nameof(IdorCases.MalformedRoutes), MemberType = typeof(IdorCases))]
    public async Task A_malformed_id_answers_404_or_400_and_never_500(string route, string id)
    {
        var idor = IdorCases.For(route);
        var path = idor.Path(id);
        var owner = OwnerOfA;

        var (opened, _) = await GetAsync(owner, path);
        var posted = idor.Form is { } form ? await PostAsync(owner, path, form) : null;

        Assert.True(opened.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest || opened.StatusCode == idor.Unknown, $"GET {path[..Math.Min(path.Length, 80)]} answered {(int)opened.StatusCode}.");
        Assert.True(posted is null || posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest || posted.StatusCode == idor.Unknown, $"POST {path[..Math.Min(path.Length, 80)]} answered {(int?)posted?.StatusCode}.");
    }

    [Fact]
    public async Task Ending_another_clinic_s_session_answers_404_and_the_session_stays_alive()
    {
        var owner = OwnerOfA;
        var before = await clinics.StateOfAsync(clinics.B.Id);

        var ended = await EndSessionAsync(owner, clinics.RecordsOfB.ReceptionistSessionId.ToString());
        var endedUnknown = await EndSessionAsync(owner, Guid.CreateVersion7().ToString());

        Assert.Equal(HttpStatusCode.NotFound, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, endedUnknown.StatusCode);
        AssertShowsNothingOfB(await ended.Content.ReadAsStringAsync());
        Assert.Equal(before, await clinics.StateOfAsync(clinics.B.Id));
    }

    [Fact]
    public async Task Ending_a_colleague_s_session_answers_404_and_the_session_stays_alive()
    {
        var owner = OwnerOfA;
        var colleague = clinics.RecordsOfA.ReceptionistSessionId;

        var ended = await EndSessionAsync(owner, colleague.ToString());
        var alive = await clinics.InClinicAsync(clinics.A.Id, db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_sessions WHERE tenant_id = @tenant_id AND id = @colleague AND ended_at IS NULL", new { colleague }));

        Assert.Equal(HttpStatusCode.NotFound, ended.StatusCode);
        Assert.Equal(1, alive);
    }

    [Theory]
    [MemberData(nameof(IdorCases.MalformedSessionIds), MemberType = typeof(IdorCases))]
    public async Task Ending_a_session_with_a_malformed_id_answers_404_or_400(string id)
    {
        var owner = OwnerOfA;

        var ended = await EndSessionAsync(owner, id);

        Assert.True(ended.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"Answered {(int)ended.StatusCode}.");
    }

    [Theory]
    [InlineData("/audit?person={0}")]
    [InlineData("/audit?client={0}")]
    [InlineData("/audit.csv?person={0}")]
    [InlineData("/audit.csv?client={0}")]
    public async Task An_audit_filter_with_another_clinic_s_ids_answers_as_an_unknown_id_does_and_shows_none_of_its_entries(string query)
    {
        var b = clinics.RecordsOfB;
        var id = query.Contains("person", StringComparison.Ordinal) ? b.OwnerId : b.ClientId;
        var owner = OwnerOfA;

        var (theirs, theirsBody) = await GetAsync(owner, string.Format(System.Globalization.CultureInfo.InvariantCulture, query, id));
        var (unknown, unknownBody) = await GetAsync(owner, string.Format(System.Globalization.CultureInfo.InvariantCulture, query, Guid.CreateVersion7()));

        Assert.Equal(unknown.StatusCode, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.Equal(0, Entries(unknownBody));
        Assert.Equal(0, Entries(theirsBody));
        AssertShowsNothingOfB(theirsBody);
    }

    [Fact]
    public async Task A_clinic_s_staff_list_shows_none_of_another_clinic_s_staff_or_invitations()
    {
        var owner = OwnerOfA;

        var (list, body) = await GetAsync(owner, "/staff");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(AttackedClinics.ReceptionA, body, StringComparison.Ordinal);
        AssertShowsNothingOfB(body);
    }

    // The page says so when nothing matches; the export then holds its header row alone.
    private static int Entries(string body) =>
        body.StartsWith('<')
            ? (body.Contains("No entries match.", StringComparison.Ordinal) ? 0 : -1)
            : body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

    private void AssertShowsNothingOfB(string body)
    {
        foreach (var mark in clinics.RecordsOfB.Marks)
            Assert.DoesNotContain(mark, body, StringComparison.OrdinalIgnoreCase);
    }

    private ClinicClient OwnerOfA => clinics.OwnerOfA;

    private static async Task<(HttpResponseMessage Response, string Body)> GetAsync(ClinicClient browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await browser.Http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(ClinicClient browser, string path, IdorForm form)
    {
        var token = await browser.AntiforgeryTokenAsync("/staff");
        var fields = StaffForms.Fields([("_handler", form.Name), ("__RequestVerificationToken", token), .. form.Fields]);
        return await browser.PostAsync(path, fields);
    }

    private static async Task<HttpResponseMessage> EndSessionAsync(ClinicClient browser, string sessionId)
    {
        var token = await browser.AntiforgeryTokenAsync("/account/sessions");
        return await browser.PostAsync("/account/sessions", StaffForms.Fields(
            ("_handler", "end-session"), ("__RequestVerificationToken", token), ("Input.SessionId", sessionId)));
    }
}

public sealed class IdorTests_on_Sqlite(AttackedClinicsOnSqlite clinics) : IdorTests<AttackedClinicsOnSqlite>(clinics), IClassFixture<AttackedClinicsOnSqlite>;

public sealed class IdorTests_on_Postgres(AttackedClinicsOnPostgres clinics) : IdorTests<AttackedClinicsOnPostgres>(clinics), IClassFixture<AttackedClinicsOnPostgres>;
