using System.Security.Cryptography;
using System.Text;

namespace EgiszBus.Adapters.Semd;

/// <summary>Name-based UUIDs, version 5 (SHA-1), RFC 9562.</summary>
public static class NameBasedUuid
{
    /// <summary>The RFC 9562 namespace for ISO OIDs: 6ba7b812-9dad-11d1-80b4-00c04fd430c8.</summary>
    public static readonly Guid OidNamespace = new("6ba7b812-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>UUID v5 of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        var ns = namespaceId.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[ns.Length + nameBytes.Length];
        ns.CopyTo(input, 0);
        nameBytes.CopyTo(input, ns.Length);
        var hash = SHA1.HashData(input);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The LocalUid rule of a SEMD without a UUID Bundle.id: v5 of <c>"{root}/{extension}"</c> in <see cref="OidNamespace"/>.</summary>
    public static Guid ForDocument(string root, string extension) => Create(OidNamespace, root + "/" + extension);
}
