using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd;

/// <summary>The default <see cref="ISoapEnvelopeSigner"/>: no WS-Security, plain UTF-8 serialisation (emulator, tests).</summary>
public sealed class UnsignedSoapEnvelopeSigner : ISoapEnvelopeSigner
{
    /// <summary>The shared instance.</summary>
    public static UnsignedSoapEnvelopeSigner Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(XDocument envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ValueTask.FromResult(RemdXml.ToBytes(envelope));
    }
}
