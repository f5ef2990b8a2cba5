using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Messaging.Consumers;
using Clinic.Modules.Messaging.Dispatch;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Benchmarks;

/// <summary>
/// 10,000 due appointment reminders for 10,000 clients of one clinic, sent by the real dispatcher (the DispatchMessages
/// job, run back to back as Quartz would run it with no pause) over HTTP to a local fake Twilio, on a real SQLite
/// database. One iteration is the wall time until every reminder is Sent; after each, the fake must have exactly
/// 10,000 create requests to 10,000 different numbers (no duplicates) and every row must be Sent (no losses).
/// </summary>
[Config(typeof(Config))]
public class MessageDispatch : IAsyncDisposable
{
    public const int Reminders = 10_000;
    private const string FromNumber = "+14155550100";

    private readonly FakeTwilio _twilio;
    private TestDatabase _database = null!;
    private ClinicApp _app = null!;
    private ClinicDatabase _direct = null!;
    private ClinicTenant _clinic = null!;
    private Guid[] _clients = [];
    private Guid _service;
    private Guid _provider;
    private int _round;

    public MessageDispatch() => _twilio = new FakeTwilio(() => _app.Clock.GetUtcNow());

    /// <summary>Messages in flight at once (Clinic:Messaging:InFlight; 8 is the default). On SQLite every claim and every record is a write.</summary>
    [Params(1, 8)]
    public int InFlight { get; set; }

    // BenchmarkDotNet's in-process toolchain does not wait for an async [GlobalSetup] (dotnet/BenchmarkDotNet#1738).
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void QueueReminders() => QueueRemindersAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "Dispatch 10,000 due SMS reminders to a local fake Twilio until all are Sent")]
    public void DispatchAll() => DispatchAllAsync().GetAwaiter().GetResult();

    [IterationCleanup]
    public void CheckExactlyOnce() => CheckExactlyOnceAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        await _twilio.StartAsync();
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new ClinicApp(_database, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clinic:Messaging:Channels:TwilioBaseUrl"] = _twilio.BaseUrl.AbsoluteUri,
            // Four information lines per HTTP call would time the console, not the dispatcher.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Clinic:Messaging:InFlight"] = InFlight.ToString(CultureInfo.InvariantCulture),
        });
        using (var owner = _app.Browser())
        {
            await owner.SignInAsync();
            var saved = await owner.SubmitAsync(
                "/messages/channels",
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Sms.Provider"] = "twilio",
                    ["Sms.AccountSid"] = _twilio.AccountSid,
                    ["Sms.AuthToken"] = _twilio.AuthToken,
                    ["Sms.FromNumber"] = FromNumber,
                },
                "form.channel-settings.channel-sms");
            if ((int)saved.StatusCode is not (302 or 303))
                throw new InvalidOperationException($"Saving the Twilio channel answered {(int)saved.StatusCode}.");
        }

        _clinic = await _app.InScopeAsync(s => s.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default))
            ?? throw new InvalidOperationException("The clinic was not created.");
        _direct = new ClinicDatabase(
            new DatabaseSettings(DatabaseProvider.Sqlite, _database.ConnectionString, _database.OwnerConnectionString, MigrateOnStartup: false), _app.Clock);
        await SeedClinicAsync();
    }

    /// <summary>
    /// 10,000 clients with a mobile number only, one clinician and one service, and no quiet hours: the run must not
    /// depend on the time of day it happens at.
    /// </summary>
    private async Task SeedClinicAsync()
    {
        var now = _app.Clock.GetUtcNow();
        await using var db = await _direct.BeginAsync(_clinic.Id, write: true, default);
        await db.ExecuteAsync(
            "INSERT INTO messaging_settings (tenant_id, quiet_from_minute, quiet_until_minute, updated_at) VALUES (@tenant_id, 0, 0, @now)", new { now });
        _provider = Guid.CreateVersion7();
        await db.ExecuteAsync(
            "INSERT INTO accounts_staff (id, tenant_id, email, name, role, active, created_at) VALUES (@provider, @tenant_id, 'dispatch@clinic.test', 'Dr Dispatch', 'Clinician', 1, @now)",
            new { provider = _provider, now });
        _service = Guid.CreateVersion7();
        await db.ExecuteAsync(
            "INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency, active) VALUES (@service, @tenant_id, 'Dispatch bench facial', 30, '9000', 'PKR', 1)",
            new { service = _service });
        _clients = new Guid[Reminders];
        for (var i = 0; i < Reminders; i++)
        {
            _clients[i] = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@id, @tenant_id, @first, 'Benchmark', @phone, @now)",
                new { id = _clients[i], first = $"Client{i:00000}", phone = Mobile(i), now });
        }

        await db.CommitAsync();
    }

    /// <summary>Each round, a new appointment per client and its reminder queued the way Messaging queues Booking's event.</summary>
    private async Task QueueRemindersAsync()
    {
        _round++;
        _twilio.Reset();
        var now = _app.Clock.GetUtcNow();
        var messages = new SendAppointmentMessages(_app.Clock);
        await using var db = await _direct.BeginAsync(_clinic.Id, write: true, default);
        for (var i = 0; i < Reminders; i++)
        {
            var appointment = Guid.CreateVersion7();
            // A minute apart, so every reminder has its own words.
            var starts = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 + (_round * 8)).AddMinutes(i);
            await db.ExecuteAsync(
                """
                INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
                VALUES (@appointment, @tenant_id, @client, @service, @provider, @starts, @ends, @starts, @ends, 'Confirmed', @now, @now)
                """,
                new { appointment, client = _clients[i], service = _service, provider = _provider, starts, ends = starts.AddMinutes(30), now });
            await messages.HandleAsync(new AppointmentReminderDue(appointment, _clients[i], "Dispatch bench facial", "Dr Dispatch", starts, 1440), db, default);
        }

        await db.CommitAsync();
    }

    /// <summary>Runs the job until nothing is due; a run that makes no progress means something is stuck, not slow.</summary>
    private async Task DispatchAllAsync()
    {
        var left = await DueCountAsync();
        while (left > 0)
        {
            await _app.InScopeAsync(async services =>
            {
                await services.GetRequiredService<DispatchMessages>().RunAsync(default);
                return 0;
            });
            var now = await DueCountAsync();
            if (now >= left)
                throw new InvalidOperationException($"A dispatch run sent nothing; {now} messages are still due.");
            left = now;
        }
    }

    private async Task CheckExactlyOnceAsync()
    {
        var posts = _twilio.Requests.Where(r => r.Method == "POST").ToList();
        var numbers = posts.Select(r => r.Field("To")).Distinct(StringComparer.Ordinal).Count();
        var bodies = posts.Select(r => r.Field("Body")).Distinct(StringComparer.Ordinal).Count();
        await using var db = await _direct.BeginAsync(_clinic.Id, write: false, default);
        var statuses = await db.QueryAsync<StatusCount>(
            "SELECT status AS Status, count(*) AS Count FROM messaging_messages WHERE tenant_id = @tenant_id AND kind = 'appointment.reminder' GROUP BY status");
        var sent = statuses.Where(s => s.Status == "Sent").Sum(s => s.Count);
        if (posts.Count != Reminders || numbers != Reminders || bodies != Reminders || sent != (long)Reminders * _round || statuses.Count != 1)
        {
            throw new InvalidOperationException(
                $"Not exactly once: {posts.Count} posts to {numbers} numbers with {bodies} different bodies; rows {string.Join(", ", statuses.Select(s => $"{s.Status} {s.Count}"))}.");
        }

        Console.WriteLine($"// MessageDispatch round {_round}: {posts.Count:N0} posts, {numbers:N0} numbers, {bodies:N0} bodies, {sent:N0} rows Sent in all; load {Load()}.");
    }

    private async Task<long> DueCountAsync()
    {
        await using var db = await _direct.BeginAsync(_clinic.Id, write: false, default);
        return await db.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging_due WHERE tenant_id = @tenant_id");
    }

    private static string Mobile(int i) => $"+92300{i:0000000}";

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    [GlobalCleanup]
    public async ValueTask DisposeAsync()
    {
        await _direct.DisposeAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        await _twilio.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class StatusCount
    {
        public string Status { get; init; } = "";

        public long Count { get; init; }
    }

    /// <summary>
    /// In process; each iteration consumes its 10,000 reminders, so one invocation per iteration (Monitoring), one
    /// warm-up round and three measured ones (CLINIC_BENCH_ITERATIONS overrides).
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            var iterations = int.TryParse(Environment.GetEnvironmentVariable("CLINIC_BENCH_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(iterations).WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("InProcessDispatchRound"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Median);
            ArtifactsPath = System.IO.Path.Combine(HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts");
        }
    }
}
