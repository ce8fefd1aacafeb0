using System.Security.Cryptography;
using System.Text;

namespace EgiszBus.Adapters.Mis;

/// <summary>Name-based UUIDs, version 5 (SHA-1, RFC 9562) in the OID namespace: the same names give the same ids.</summary>
internal static class MisUuid
{
    private static readonly Guid OidNamespace = new("6ba7b812-9dad-11d1-80b4-00c04fd430c8");

    public static Guid Create(string name)
    {
        var ns = OidNamespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[ns.Length + nameBytes.Length];
        ns.CopyTo(input, 0);
        nameBytes.CopyTo(input, ns.Length);
        var bytes = SHA1.HashData(input).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
