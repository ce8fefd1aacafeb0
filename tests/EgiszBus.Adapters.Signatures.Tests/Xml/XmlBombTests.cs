using System.Diagnostics;
using System.Text;
using EgiszBus.Adapters.Signatures.Xml;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Signatures.Tests.Xml;

/// <summary>
/// Issue 4: hostile input is refused fast and lean. Each bomb is fed 100 times: every refusal carries the code, the
/// worst single one takes under a second, and the bytes allocated per refusal stay far below what an expanded bomb needs
/// (a billion laughs is ~30 GB of text, the quadratic blow-up ~2 GB): the entities were never expanded.
/// The same for <see cref="CmsSignatureVerifier"/> fed a megabyte of garbage.
/// </summary>
[TestClass]
public sealed class XmlBombTests
{
    private const int Rounds = 100;
    private const long MaxBytesPerXmlRefusal = 2 * 1024 * 1024;
    private const long MaxBytesPerCmsRefusal = 4 * 1024 * 1024;
    private static TrustStore trustStore = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context) =>
        trustStore = TrustStore.Load(Path.Combine(RepositoryPaths.Samples, "Pki", "ca.pem"));

    [TestMethod]
    [DataRow("billion laughs", DisplayName = "billion laughs")]
    [DataRow("quadratic blow-up", DisplayName = "quadratic blow-up")]
    [DataRow("XXE file", DisplayName = "XXE file")]
    [DataRow("XXE parameter entity", DisplayName = "XXE parameter entity")]
    public void GivenXmlBomb_WhenVerifiedHundredTimes_ThenEachRefusedFastWithoutExpandingEntities(string kind)
    {
        var xml = Bomb(kind);
        var verifier = new XmlSignatureVerifier(trustStore, new FixedTimeProvider(DateTimeOffset.UnixEpoch));
        verifier.Verify(xml);

        var (total, worst, bytes) = Measure(() =>
        {
            var result = verifier.Verify(xml);
            Assert.IsFalse(result.IsValid);
            CollectionAssert.AreEqual(new[] { SignatureErrorCodes.XmlMalformed }, result.Problems.Select(p => p.Code).ToArray());
            Assert.AreEqual(SignatureErrorCodes.RemdSignatureDecodingError, result.Problems[0].RemdCode);
            Assert.IsFalse(result.Problems[0].Message.Contains("root:", StringComparison.Ordinal));
        });

        Assert.IsLessThan(1.0, worst.TotalSeconds, $"{kind}: worst refusal {worst}");
        Assert.IsLessThan(20.0, total.TotalSeconds, $"{kind}: {Rounds} refusals took {total}");
        Assert.IsLessThan(MaxBytesPerXmlRefusal, bytes / Rounds, $"{kind}: {bytes / Rounds} bytes allocated per refusal");
    }

    [TestMethod]
    [DataRow("over the size limit", DisplayName = "random bytes over the size limit")]
    [DataRow("random DER-like", DisplayName = "random bytes after a SEQUENCE tag")]
    [DataRow("random base64", DisplayName = "base64 text of random bytes after a SEQUENCE tag")]
    [DataRow("base64 garbage", DisplayName = "text that is not base64")]
    public void GivenMegabyteOfGarbage_WhenCmsVerifiedHundredTimes_ThenEachMalformedFastWithBoundedAllocation(string kind)
    {
        var options = new CmsVerificationOptions();
        var signature = Garbage(kind, options.MaxSignatureBytes);
        var verifier = new CmsSignatureVerifier(trustStore, options, new FixedTimeProvider(DateTimeOffset.UnixEpoch));
        var content = "content"u8.ToArray();
        verifier.Verify(content, signature);

        var (total, worst, bytes) = Measure(() =>
        {
            var result = verifier.Verify(content, signature);
            Assert.IsFalse(result.IsValid);
            CollectionAssert.AreEqual(new[] { SignatureErrorCodes.Malformed }, result.Problems.Select(p => p.Code).ToArray());
        });

        Assert.IsLessThan(1.0, worst.TotalSeconds, $"{kind}: worst refusal {worst}");
        Assert.IsLessThan(20.0, total.TotalSeconds, $"{kind}: {Rounds} refusals took {total}");
        Assert.IsLessThan(MaxBytesPerCmsRefusal, bytes / Rounds, $"{kind}: {bytes / Rounds} bytes allocated per refusal");
    }

    private static (TimeSpan Total, TimeSpan Worst, long Bytes) Measure(Action refuse)
    {
        var worst = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            var one = Stopwatch.StartNew();
            refuse();
            one.Stop();
            worst = one.Elapsed > worst ? one.Elapsed : worst;
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        total.Stop();
        return (total.Elapsed, worst, bytes);
    }

    private static byte[] Bomb(string kind)
    {
        var text = kind switch
        {
            // 10 levels of 10 references: 10^10 "lol" = ~30 GB of text once expanded.
            "billion laughs" => "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">"
                + string.Concat(Enumerable.Range(1, 10).Select(level =>
                    $"<!ENTITY lol{level} \"{string.Concat(Enumerable.Repeat($"&lol{level - 1};", 10))}\">"))
                + "]><lolz>&lol10;</lolz>",
            // One 64 KB entity referenced 32,768 times: ~2 GB once expanded, from a ~200 KB document.
            "quadratic blow-up" => "<?xml version=\"1.0\"?><!DOCTYPE kaboom [<!ENTITY a \"" + new string('a', 64 * 1024) + "\">]><kaboom>"
                + string.Concat(Enumerable.Repeat("&a;", 32 * 1024)) + "</kaboom>",
            "XXE file" => """<?xml version="1.0"?><!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><doc>&xxe;</doc>""",
            "XXE parameter entity" => """<?xml version="1.0"?><!DOCTYPE doc [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]><doc/>""",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private static byte[] Garbage(string kind, int limit)
    {
        var random = new Random(4);
        switch (kind)
        {
            case "over the size limit":
                var over = new byte[limit + 1];
                random.NextBytes(over);
                return over;
            case "random DER-like":
                var der = new byte[limit];
                random.NextBytes(der);
                der[0] = 0x30;
                return der;
            case "random base64":
                var raw = new byte[limit / 2];
                random.NextBytes(raw);
                raw[0] = 0x30;
                return Encoding.ASCII.GetBytes(Convert.ToBase64String(raw, Base64FormattingOptions.InsertLineBreaks));
            case "base64 garbage":
                return Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("This is not base64! ", limit / 20)));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
