using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd;

/// <summary>
/// The WS-Security seam: turns a finished SOAP envelope into the exact bytes that go on the wire.
/// A signing implementation adds <c>wsse:Security</c> (BinarySecurityToken, exclusive C14N, reference <c>#body</c>, GOST 2012)
/// and must serialise the envelope itself, because the signature covers those bytes.
/// </summary>
public interface ISoapEnvelopeSigner
{
    /// <summary>Signs (or not) <paramref name="envelope"/> and returns its UTF-8 bytes.</summary>
    ValueTask<byte[]> SignAsync(XDocument envelope, CancellationToken cancellationToken);
}
