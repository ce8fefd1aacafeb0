using System.Collections.Concurrent;
using Org.BouncyCastle.Crypto;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// Public keys by the DER encoding of their SubjectPublicKeyInfo, process-wide and bounded. Building a key is the costly
/// part of a verification: BouncyCastle checks an RSA modulus (a primality test, ~20 ms for 2048 bits) and an EC key
/// starts without the precomputed multiples that speed up every later verification (~3 ms for GOST 256). The same signer
/// and CA keys come back call after call, each in a freshly parsed certificate, so the key is derived once per
/// SubjectPublicKeyInfo. The key depends on nothing but these bytes; BouncyCastle keys are safe to share between threads.
/// </summary>
internal static class PublicKeyCache
{
    /// <summary>More distinct keys than this (a flood of throw-away certificates) empties the cache and starts over.</summary>
    private const int Capacity = 1024;

    private static readonly ConcurrentDictionary<string, AsymmetricKeyParameter> Keys = new(StringComparer.Ordinal);

    /// <summary>
    /// The key for <paramref name="encodedKeyInfo"/>, made by <paramref name="create"/> when not cached yet.
    /// A failure of <paramref name="create"/> propagates and is not cached; without an encoding nothing is cached.
    /// </summary>
    public static AsymmetricKeyParameter GetOrCreate(byte[]? encodedKeyInfo, Func<AsymmetricKeyParameter> create)
    {
        if (encodedKeyInfo is null)
        {
            return create();
        }

        var id = Convert.ToBase64String(encodedKeyInfo);
        if (Keys.TryGetValue(id, out var key))
        {
            return key;
        }

        key = create();
        if (Keys.Count >= Capacity)
        {
            Keys.Clear();
        }

        return Keys.GetOrAdd(id, key);
    }
}
