using System.Text.Json;
using System.Text.Json.Serialization;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// The regional profile: per medical organisation (keyed by FRMO OID) what the SEMD needs and MIS exports do not carry.
/// Loaded from JSON (see <c>Samples/Documents/Csv/profile.json</c> and <c>Schemas/mis/laboratory-csv.md</c>).
/// </summary>
public sealed class MisProfile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new OffsetConverter() },
    };

    private readonly Dictionary<string, MisOrganizationProfile> organizations;

    /// <summary>Creates a profile from organisation entries (OIDs must be unique).</summary>
    public MisProfile(IEnumerable<MisOrganizationProfile> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        this.organizations = organizations.ToDictionary(o => o.Oid, StringComparer.Ordinal);
    }

    /// <summary>The organisations of the profile.</summary>
    public IReadOnlyCollection<MisOrganizationProfile> Organizations => organizations.Values;

    /// <summary>Reads a profile file. Throws <see cref="InvalidDataException"/> when it is not a valid profile.</summary>
    public static MisProfile Load(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses profile JSON: <c>{ "organizations": [ … ] }</c>. Throws <see cref="InvalidDataException"/> when invalid.</summary>
    public static MisProfile Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<ProfileFile>(json, Options) ?? throw new InvalidDataException("Profile is null");
            return new MisProfile(file.Organizations);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("Invalid MIS profile: " + ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("Invalid MIS profile: " + ex.Message, ex);
        }
    }

    /// <summary>The entry of <paramref name="organizationOid"/>, or null.</summary>
    public MisOrganizationProfile? Find(string? organizationOid) =>
        organizationOid is not null && organizations.TryGetValue(organizationOid, out var found) ? found : null;

    private sealed record ProfileFile(IReadOnlyList<MisOrganizationProfile> Organizations);

    private sealed class OffsetConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is { Length: 6 } && (text[0] is '+' or '-')
                && TimeSpan.TryParseExact(text[1..], @"hh\:mm", System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return text[0] == '-' ? -value : value;
            }

            throw new JsonException("utcOffset must look like +03:00");
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue((value < TimeSpan.Zero ? "-" : "+") + value.Duration().ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture));
    }
}
