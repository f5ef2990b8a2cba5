using Bogus;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Clients.Demo;

/// <summary>Forty plausible clients for the demo clinic, the same ones on every machine (fixed seed).</summary>
internal sealed class DemoClients(ITenantContext tenant, UnitOfWork work, TimeProvider time) : IStartupTask
{
    private const int Count = 40;
    private static readonly string[] FirstNames = ["Ayesha", "Fatima", "Hira", "Mahnoor", "Zainab", "Sana", "Maryam", "Iqra", "Noor", "Rabia", "Ali", "Hamza", "Usman", "Bilal", "Omar", "Saad"];
    private static readonly string[] LastNames = ["Khan", "Ahmed", "Malik", "Hussain", "Qureshi", "Butt", "Chaudhry", "Sheikh", "Raza", "Iqbal", "Mirza", "Siddiqui"];

    public async Task RunAsync(StartupContext context, CancellationToken ct)
    {
        if (!context.Demo || tenant.TenantId is null)
            return;

        await work.RunAsync(AddAsync, ct);
    }

    private async Task<Outcome<int>> AddAsync(Change change)
    {
        var db = change.Db;
        if (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id") > 0)
            return 0;

        var faker = new Faker { Random = new Randomizer(20261122) };
        for (var i = 0; i < Count; i++)
        {
            var first = faker.PickRandom(FirstNames);
            var last = faker.PickRandom(LastNames);
            await db.ExecuteAsync(
                """
                INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, date_of_birth, created_at)
                VALUES (@id, @tenant_id, @first, @last, @phone, @email, @born, @now)
                """,
                new
                {
                    id = Guid.CreateVersion7(),
                    first,
                    last,
                    phone = "+923" + faker.Random.ReplaceNumbers("#########"),
                    email = $"{first}.{last}{i}@example.com".ToLowerInvariant(),
                    born = DateOnly.FromDateTime(faker.Date.Between(new DateTime(1965, 1, 1), new DateTime(2006, 12, 31))),
                    now = time.GetUtcNow(),
                });
        }

        return Count;
    }
}
