using System.Text.Json;
using Clinic.BuildingBlocks.Modules;

namespace Clinic.BuildingBlocks.Events;

internal static class Outbox
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string TableOf(string module) => ModuleNames.TablePrefix(module) + "outbox";

    public static string InboxOf(string module) => ModuleNames.TablePrefix(module) + "inbox";
}
