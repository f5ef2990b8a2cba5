using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Clinic.BuildingBlocks.Security;

/// <summary>
/// A secret that an integration event carries to the module that sends it, such as the link in a sign-in email. It is
/// sealed with Data Protection where it is made (<see cref="SecretSeal"/>), so the outbox never holds it readable, and
/// the outbox erases it once the event is delivered (ADR 0018). It prints as "(sealed)", so an event that reaches a log
/// or a page shows nothing of it.
/// </summary>
[JsonConverter(typeof(SealedSecretJson))]
public sealed class SealedSecret
{
    internal SealedSecret(string ciphertext) => Ciphertext = ciphertext;

    internal string Ciphertext { get; }

    public override string ToString() => "(sealed)";
}

/// <summary>
/// Writes a sealed secret as <c>{"$sealed": "…"}</c>: a shape no other value takes, so <see cref="Erase"/> can find
/// every one in stored JSON without knowing the event it belongs to.
/// </summary>
internal sealed class SealedSecretJson : JsonConverter<SealedSecret>
{
    private const string Property = "$sealed";

    public override SealedSecret? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader) as JsonObject;
        return node?[Property]?.GetValue<string>() is { } ciphertext
            ? new SealedSecret(ciphertext)
            : throw new JsonException($"A sealed secret is written as {{\"{Property}\": \"…\"}}.");
    }

    public override void Write(Utf8JsonWriter writer, SealedSecret value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Property, value.Ciphertext);
        writer.WriteEndObject();
    }

    /// <summary>The JSON with every sealed secret in it replaced by null.</summary>
    public static string Erase(string json)
    {
        if (!json.Contains(Property, StringComparison.Ordinal))
            return json;

        var root = JsonNode.Parse(json);
        EraseIn(root);
        return root?.ToJsonString() ?? json;
    }

    private static void EraseIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (IsSealed(child))
                        obj[name] = null;
                    else
                        EraseIn(child);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (IsSealed(array[i]))
                        array[i] = null;
                    else
                        EraseIn(array[i]);
                }

                break;
        }
    }

    private static bool IsSealed(JsonNode? node) => node is JsonObject obj && obj.ContainsKey(Property);
}
