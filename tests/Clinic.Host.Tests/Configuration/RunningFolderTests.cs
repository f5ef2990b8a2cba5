using System.Net;
using System.Text.Json;
using Xunit;

namespace Clinic.Host.Tests.Configuration;

/// <summary>
/// A published Clinic started from another folder, as a service manager starts it, is the app it was in its own
/// folder: it serves its stylesheets, scripts, icons and service worker, reads its own appsettings.json, and keeps a
/// relative SQLite file under its own folder.
/// </summary>
public sealed class PublishedFolderTests(PublishedClinic clinic) : IClassFixture<PublishedClinic>
{
    [Theory]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/_content/Clinic.Modules.Booking/calendar.css", "text/css")]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/sw.js", "text/javascript")]
    [InlineData("/icons/icon-192.png", "image/png")]
    public async Task Its_web_files_are_served_whole_from_its_own_folder(string path, string contentType)
    {
        var response = await clinic.Http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(body);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(clinic.AppFolder, "wwwroot", path.TrimStart('/'))), body);
    }

    [Fact]
    public void It_logs_its_start_up_in_the_json_its_appsettings_ask_for()
    {
        var messages = clinic.OutputLines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString());

        Assert.Contains(messages, m => m?.StartsWith("Application started", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Its_default_sqlite_file_is_under_its_own_folder_not_the_working_one()
    {
        Assert.True(File.Exists(Path.Combine(clinic.AppFolder, "data", "clinic.db")), string.Join('\n', clinic.OutputLines));
        Assert.False(Directory.Exists(Path.Combine(clinic.WorkingFolder, "data")));
    }
}

/// <summary>An unpublished build started outside Development from another folder serves its modules' files from the sources.</summary>
public sealed class BuiltFolderTests(BuiltClinic clinic) : IClassFixture<BuiltClinic>
{
    [Theory]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/_content/Clinic.Modules.Booking/calendar.css", "text/css")]
    [InlineData("/sw.js", "text/javascript")]
    public async Task Its_web_files_are_served_from_the_sources(string path, string contentType)
    {
        var response = await clinic.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }
}
