using System.Text.Json;
using Clinic.BuildingBlocks.Modules;

namespace Clinic.BuildingBlocks.Events;

internal static class Outbox
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string TableOf(string module) => ModuleNames.TablePrefix(module) + "outbox";

    /// <summary>The owner's view of every clinic's outbox rows, ids and times only, for finding which clinics have events waiting.</summary>
    public static string AllClinicsOf(string module) => TableOf(module) + "_all_clinics";

    public static string InboxOf(string module) => ModuleNames.TablePrefix(module) + "inbox";
}
