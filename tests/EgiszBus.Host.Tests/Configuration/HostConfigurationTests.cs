using EgiszBus.Endpoints.Hosting;
using EgiszBus.Host.Configuration;
using EgiszBus.TestKit;
using Microsoft.Extensions.Configuration;

namespace EgiszBus.Host.Tests.Configuration;

[TestClass]
public sealed class HostConfigurationTests
{
    private static readonly string[] Touched = ["EGISZBUS__Gateway__Url", "EGISZBUS__Bus__Transport", "EGISZBUS__Bus__PostgreSqlConnectionString", "EGISZBUS__Remd__Retry__Factor"];

    [TestCleanup]
    public void ClearEnvironment()
    {
        foreach (var name in Touched)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [TestMethod]
    public void GivenNoConfiguration_WhenRead_ThenDefaultsAreValid()
    {
        var result = HostConfiguration.Read(new ConfigurationBuilder().Build(), AppContext.BaseDirectory);

        Assert.IsTrue(result.IsValid, string.Join("\n", result.Problems));
        Assert.IsEmpty(result.Warnings);
        var settings = result.Settings;
        Assert.AreEqual(TransportKind.Embedded, settings.Bus.Transport);
        Assert.AreEqual("http://127.0.0.1:5080", settings.Gateway.Url);
        Assert.AreEqual("http://127.0.0.1:5080/remd/callback", settings.Remd.CallbackUrl);
        Assert.AreEqual(TimeSpan.FromSeconds(2), settings.Remd.Retry.InitialDelay);
        Assert.AreEqual(2.0, settings.Remd.Retry.Factor);
        Assert.AreEqual(TimeSpan.FromMinutes(5), settings.Remd.Retry.MaxDelay);
        Assert.AreEqual(TimeSpan.FromDays(2), settings.Remd.Retry.Deadline);
        Assert.AreEqual(TimeSpan.FromMinutes(1), settings.Remd.CallbackTimeout);
        Assert.AreEqual(TimeSpan.FromSeconds(30), settings.Remd.RequestTimeout);
        Assert.AreEqual(Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data")), settings.ReferenceData.Path);
        Assert.IsEmpty(settings.Trust.CaCertificates);
        Assert.IsFalse(settings.Signing.IsConfigured);
    }

    [TestMethod]
    public void GivenTheShippedTemplate_WhenRead_ThenItIsValidAndNamesEveryKey()
    {
        var hostFolder = Path.Combine(RepositoryPaths.Root, "Endpoints", "EgiszBus.Host");
        var configuration = HostConfiguration.Build([], hostFolder, hostFolder);

        var result = HostConfiguration.Read(configuration, AppContext.BaseDirectory);

        Assert.IsTrue(result.IsValid, string.Join("\n", result.Problems));
        Assert.IsEmpty(result.Warnings, string.Join("\n", result.Warnings));
        var keys = configuration.AsEnumerable().Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, type) in new[]
                 {
                     ("Bus", typeof(BusOptions)), ("Gateway", typeof(GatewayOptions)), ("Remd", typeof(RemdOptions)),
                     ("Remd:Retry", typeof(RemdRetryOptions)), ("ReferenceData", typeof(ReferenceDataOptions)),
                     ("Trust", typeof(TrustOptions)), ("Signing", typeof(SigningOptions)),
                 })
        {
            foreach (var property in type.GetProperties().Where(p => p.SetMethod is not null && p.Name != nameof(SigningOptions.PrivateKeyPassword)))
            {
                Assert.Contains($"{section}:{property.Name}", keys, $"appsettings.json lacks {section}:{property.Name}");
            }
        }
    }

    [TestMethod]
    public void GivenJsonFilesEnvironmentAndArguments_WhenBuilt_ThenLaterSourcesWin()
    {
        using var baseDirectory = new TempDirectory();
        using var workingDirectory = new TempDirectory();
        File.WriteAllText(Path.Combine(baseDirectory.Path, "appsettings.json"), """
            { "Gateway": { "Url": "http://127.0.0.1:6001" }, "Remd": { "RequestTimeout": "00:00:10", "CallbackTimeout": "00:00:11" },
              "Bus": { "Workers": 2, "Transport": "Embedded" } }
            """);
        File.WriteAllText(Path.Combine(workingDirectory.Path, "appsettings.json"), """
            { "Gateway": { "Url": "http://127.0.0.1:6002" }, "Remd": { "CallbackTimeout": "00:02:00" }, "Bus": { "Transport": "Embedded" } }
            """);
        Environment.SetEnvironmentVariable("EGISZBUS__Gateway__Url", "http://127.0.0.1:6003");
        Environment.SetEnvironmentVariable("EGISZBUS__Bus__Transport", "PostgreSql");
        Environment.SetEnvironmentVariable("EGISZBUS__Bus__PostgreSqlConnectionString", "Host=127.0.0.1;Port=5433;Username=egb");

        var configuration = HostConfiguration.Build(
            ["run", "--endpoints", "all", "--Gateway:Url=http://127.0.0.1:6004", "--verbose"], baseDirectory.Path, workingDirectory.Path);
        var settings = HostConfiguration.Load(configuration, out var warnings, AppContext.BaseDirectory);

        Assert.AreEqual("http://127.0.0.1:6004", settings.Gateway.Url, "argument beats environment");
        Assert.AreEqual(TransportKind.PostgreSql, settings.Bus.Transport, "environment beats both files");
        Assert.AreEqual(TimeSpan.FromMinutes(2), settings.Remd.CallbackTimeout, "working directory beats executable folder");
        Assert.AreEqual(TimeSpan.FromSeconds(10), settings.Remd.RequestTimeout, "executable folder beats defaults");
        Assert.AreEqual(2, settings.Bus.Workers);
        Assert.AreEqual("http://127.0.0.1:6004/remd/callback", settings.Remd.CallbackUrl);
        Assert.IsNull(configuration["endpoints"], "the command's own arguments are not configuration");
        Assert.IsEmpty(warnings);
    }

    [TestMethod]
    [DataRow("Bus:Transport", "Postgres", "Bus:Transport", ConfigurationProblemCodes.NotAllowed, "'Postgres' is not one of Embedded, PostgreSql")]
    [DataRow("Bus:Transport", "PostgreSql", "Bus:PostgreSqlConnectionString", ConfigurationProblemCodes.Required, "is required when Bus:Transport is PostgreSql")]
    [DataRow("Bus:Workers", "0", "Bus:Workers", ConfigurationProblemCodes.Bus, "between 1 and 64")]
    [DataRow("Bus:Workers", "many", "Bus:Workers", ConfigurationProblemCodes.InvalidValue, "'many' is not a whole number")]
    [DataRow("Gateway:Url", "htp://x", "Gateway:Url", ConfigurationProblemCodes.InvalidUrl, "'htp://x' is not an absolute http URL")]
    [DataRow("Gateway:Url", "/relative", "Gateway:Url", ConfigurationProblemCodes.InvalidUrl, "is not an absolute http URL")]
    [DataRow("Remd:ServiceUrl", "ftp://remd.example/emdr", "Remd:ServiceUrl", ConfigurationProblemCodes.InvalidUrl, "is not an absolute http URL")]
    [DataRow("Remd:CallbackUrl", "callback", "Remd:CallbackUrl", ConfigurationProblemCodes.InvalidUrl, "is not an absolute http URL")]
    [DataRow("Remd:ClientEntityId", "not-a-guid", "Remd:ClientEntityId", ConfigurationProblemCodes.InvalidValue, "is not a GUID")]
    [DataRow("Remd:ClientEntityId", "00000000-0000-0000-0000-000000000000", "Remd:ClientEntityId", ConfigurationProblemCodes.OutOfRange, "empty GUID")]
    [DataRow("Remd:Retry:Factor", "0.5", "Remd:Retry:Factor", ConfigurationProblemCodes.OutOfRange, "must be ≥ 1")]
    [DataRow("Remd:Retry:Factor", "two", "Remd:Retry:Factor", ConfigurationProblemCodes.InvalidValue, "is not a number")]
    [DataRow("Remd:Retry:InitialDelay", "2s", "Remd:Retry:InitialDelay", ConfigurationProblemCodes.InvalidValue, "'2s' is not a duration")]
    [DataRow("Remd:Retry:InitialDelay", "00:00:00", "Remd:Retry:InitialDelay", ConfigurationProblemCodes.OutOfRange, "must be > 00:00:00")]
    [DataRow("Remd:Retry:MaxDelay", "00:00:01", "Remd:Retry:MaxDelay", ConfigurationProblemCodes.OutOfRange, "must be ≥ Remd:Retry:InitialDelay")]
    [DataRow("Remd:Retry:Deadline", "-1.00:00:00", "Remd:Retry:Deadline", ConfigurationProblemCodes.OutOfRange, "must be > 00:00:00")]
    [DataRow("Remd:CallbackTimeout", "soon", "Remd:CallbackTimeout", ConfigurationProblemCodes.InvalidValue, "is not a duration")]
    [DataRow("Remd:RequestTimeout", "00:00:00", "Remd:RequestTimeout", ConfigurationProblemCodes.OutOfRange, "must be > 00:00:00")]
    [DataRow("ReferenceData:Path", "/nonexistent/egiszbus/shared-data", "ReferenceData:Path", ConfigurationProblemCodes.NotFound, "does not exist")]
    [DataRow("Trust:CaCertificates:0", "/nonexistent/egiszbus/ca.pem", "Trust:CaCertificates:0", ConfigurationProblemCodes.NotFound, "does not exist")]
    [DataRow("Signing:CertificatePath", "/nonexistent/egiszbus/org.pem", "Signing:PrivateKeyPath", ConfigurationProblemCodes.Required, "is required when Signing:CertificatePath is set")]
    [DataRow("Signing:PrivateKeyPath", "/nonexistent/egiszbus/org.key", "Signing:PrivateKeyPath", ConfigurationProblemCodes.NotFound, "does not exist")]
    public void GivenAnInvalidValue_WhenRead_ThenTheProblemNamesTheKey(string key, string value, string expectedKey, string expectedCode, string expectedText)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var result = HostConfiguration.Read(configuration, AppContext.BaseDirectory);

        var problem = result.Problems.SingleOrDefault(p => p.Key == expectedKey && p.Code == expectedCode);
        Assert.IsNotNull(problem, "problems: " + string.Join(" | ", result.Problems.Select(p => $"{p.Code} {p}")));
        Assert.Contains(expectedText, problem.Message);
        Assert.IsFalse(result.IsValid);
    }

    [TestMethod]
    public void GivenSeveralProblems_WhenLoaded_ThenTheExceptionListsEachOnItsOwnLine()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "Postgres",
            ["Gateway:Url"] = "htp://x",
            ["Remd:Retry:Factor"] = "0.5",
        }).Build();

        var exception = Assert.ThrowsExactly<ConfigurationValidationException>(() => HostConfiguration.Load(configuration, out _, AppContext.BaseDirectory));

        Assert.HasCount(3, exception.Problems);
        var lines = exception.Message.Split('\n');
        Assert.HasCount(4, lines);
        CollectionAssert.IsSubsetOf(
            new[] { "Bus:Transport: 'Postgres' is not one of Embedded, PostgreSql", "Gateway:Url: 'htp://x' is not an absolute http URL", "Remd:Retry:Factor: must be ≥ 1" },
            lines);
    }

    [TestMethod]
    public void GivenAnUnknownKeyUnderOurSection_WhenRead_ThenItIsAWarningNotAProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Remd:Retry:Factr"] = "3",
            ["Gateway:Urll"] = "http://127.0.0.1:1",
            ["SomethingElse:Key"] = "not ours",
        }).Build();

        var result = HostConfiguration.Read(configuration, AppContext.BaseDirectory);

        Assert.IsTrue(result.IsValid, string.Join("\n", result.Problems));
        CollectionAssert.AreEquivalent(new[] { "Remd:Retry:Factr", "Gateway:Urll" }, result.Warnings.Select(w => w.Key).ToArray());
        Assert.IsTrue(result.Warnings.All(w => w.Code == ConfigurationProblemCodes.UnknownKey));
        Assert.Contains("Factor", result.Warnings.Single(w => w.Key == "Remd:Retry:Factr").Message);
    }

    [TestMethod]
    public void GivenNoReferenceDataPathOutsideARepository_WhenRead_ThenThePathIsRequired()
    {
        using var outside = new TempDirectory();

        var result = HostConfiguration.Read(new ConfigurationBuilder().Build(), outside.Path);

        var problem = result.Problems.Single();
        Assert.AreEqual("ReferenceData:Path", problem.Key);
        Assert.AreEqual(ConfigurationProblemCodes.Required, problem.Code);
    }

    [TestMethod]
    public void GivenARelativeReferenceDataPathAndCertificates_WhenRead_ThenPathsResolveAndAreAccepted()
    {
        using var folder = new TempDirectory();
        var ca = Path.Combine(folder.Path, "ca.pem");
        var certificate = Path.Combine(folder.Path, "org.pem");
        var key = Path.Combine(folder.Path, "org.key");
        foreach (var file in new[] { ca, certificate, key })
        {
            File.WriteAllText(file, "placeholder");
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, RepositoryPaths.SharedData);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReferenceData:Path"] = relative,
            ["Trust:CaCertificates:0"] = ca,
            ["Signing:CertificatePath"] = certificate,
            ["Signing:PrivateKeyPath"] = key,
            ["Remd:ClientEntityId"] = "0b6a4c6e-8f1d-4c1a-9d55-2f1e7c3b9a10",
            ["Remd:ServiceUrl"] = "https://remd.example/emdr/service",
        }).Build();

        var result = HostConfiguration.Read(configuration, folder.Path);

        Assert.IsTrue(result.IsValid, string.Join("\n", result.Problems));
        Assert.AreEqual(Path.GetFullPath(RepositoryPaths.SharedData), result.Settings.ReferenceData.Path);
        CollectionAssert.AreEqual(new[] { ca }, result.Settings.Trust.CaCertificates);
        Assert.IsTrue(result.Settings.Signing.IsConfigured);
        Assert.AreEqual(Guid.Parse("0b6a4c6e-8f1d-4c1a-9d55-2f1e7c3b9a10"), result.Settings.Remd.ClientEntityId);
    }

    [TestMethod]
    public void GivenEnvironmentVariableOnly_WhenBuilt_ThenItMapsToTheSectionKey()
    {
        using var empty = new TempDirectory();
        Environment.SetEnvironmentVariable("EGISZBUS__Remd__Retry__Factor", "0.5");

        var result = HostConfiguration.Read(HostConfiguration.Build([], empty.Path, empty.Path), AppContext.BaseDirectory);

        Assert.AreEqual("Remd:Retry:Factor", result.Problems.Single().Key);
    }
}
