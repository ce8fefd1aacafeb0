using EgiszBus.Contracts;
using EgiszBus.Contracts.Events;
using EgiszBus.Host.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Context;
using Serilog.Debugging;
using Serilog.Extensions.Logging;

namespace EgiszBus.Host.Tests.Logging;

[TestClass]
public sealed class LoggingSetupTests
{
    private const string OrganizationOid = "1.2.643.5.1.13.13.12.2.77.7973";
    private const string DocumentOid = "1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51";
    private const string DepartmentOid = "1.2.643.5.1.13.13.12.2.77.7973.0.224589";
    private const string PositionName = "врач клинической лабораторной диагностики";
    private const string DepartmentName = "Клинико-диагностическая лаборатория";
    private static readonly Guid DocumentId = Guid.Parse("6c1f0c8e-2d5b-4a4e-9b7a-0d8e5f3a2b11");

    private static readonly string[] SampleSnils = ["456-789-012 38", "567-890-123 43", "678-901-234 38", "234-567-890 99", "345-678-901 23"];
    private static readonly string[] FamilyNames = ["Смирнов", "Петрова", "Васильев", "Сидорова", "Кузнецов"];
    private static readonly string[] BirthDates = ["1980-03-15", "1975-11-02", "1992-07-21", "15.03.1980", "02.11.1975"];

    private static readonly PatientFacts Smirnov = new("456-789-012 38", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1");
    private static readonly PatientFacts Petrova = new("56789012343", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2");

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task GivenEventsWithPersonalDataOnEveryPath_WhenWrittenToTheFileSink_ThenTheFileHoldsNoneOfIt()
    {
        using var directory = new TempDirectory();
        var extraFile = Path.Combine(directory.Path, "extra", "configured.log");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // A sink added through configuration must be masked as well.
                ["Serilog:WriteTo:0:Name"] = "File",
                ["Serilog:WriteTo:0:Args:path"] = extraFile,
            })
            .Build();

        var selfLog = new List<string>();
        SelfLog.Enable(m => { lock (selfLog) { selfLog.Add(m); } });
        var logger = LoggingSetup.Configure(new LoggerConfiguration(), configuration, directory.Path).CreateLogger();
        await using (logger)
        {
            // Message template properties, personal by name and by value.
            logger.Information("Patient {Snils} {Family} {Given} born {BirthDate}", "456-789-012 38", "Смирнов", "Алексей", new DateOnly(1980, 3, 15));
            logger.Information("Checked {Value} and {Other} and {Bare} for document {DocumentId}", "567-890-123-43", "678 901 234 38", 23456789099L, DocumentId);
            logger.Information("Literal in the template: СНИЛС 34567890123, Васильев Дмитрий Андреевич, born 1992-07-21");

            // Structured objects, destructured and not.
            logger.Information("Doctor {@Doctor}", new { Family = "Сидорова", Given = "Анна", Snils = "234-567-890 99", Position = PositionName });
            logger.Information("Doctor {Doctor}", new Person("Кузнецов", "Олег", "345-678-901 23"));

            // Personal contract records, alone and inside an event.
            logger.Information("Patient {@Patient} and {Patient2}", Smirnov, Petrova);
            var facts = new DocumentFacts("LAB-2026-0001", OrganizationOid, DepartmentOid, DateTimeOffset.Parse("2026-11-25T10:00:00+03:00"), Petrova,
                [new SignerFacts("1", "234-567-890 99", "100", PositionName, "sig-1"), new SignerFacts("2", "34567890123", "100", PositionName, "sig-2")]);
            logger.Information("Accepted {@Event}", new DocumentAccepted(DocumentId, "lab", "local-1", "semd-1", facts, DateTimeOffset.UnixEpoch));
            logger.Information("Accepted {Event}", new DocumentAccepted(DocumentId, "lab", "local-2", "semd-2", facts with { Patient = Smirnov }, DateTimeOffset.UnixEpoch));

            // Dictionaries, by key name and by value.
            logger.Information("Row {@Row}", new Dictionary<string, object>
            {
                ["snils"] = "678-901-234 38",
                ["family"] = "Васильев",
                ["note"] = "пациент: Петрова Елена",
                ["count"] = 5000,
                ["oid"] = DocumentOid,
            });

            // Exceptions, inner ones included.
            var exception = new InvalidOperationException(
                "Пациент Смирнов Алексей Николаевич (СНИЛС 45678901238) не найден",
                new FormatException("snils=567-890-123-43, Петрова Е. С., дата рождения 02.11.1975"));
            logger.Error(exception, "Lookup of {DocumentId} failed after {Count} attempts in {Department}", DocumentId, 5000, DepartmentName);

            // Ambient properties and the Microsoft.Extensions.Logging path.
            using (LogContext.PushProperty("PatientSnils", "67890123438"))
            using (LogContext.PushProperty("Note", "Васильев Д. А."))
            {
                logger.Information("Ambient context for {Oid}", OrganizationOid);
            }

            using (var factory = new SerilogLoggerFactory(logger))
            {
                factory.CreateLogger("EgiszBus.Tests").LogWarning("Signer {Signer} of {Oid} failed: {Snils}", "Кузнецов Олег Игоревич", DepartmentOid, "34567890123");
            }
        }

        SelfLog.Disable();
        Assert.IsEmpty(selfLog, "Serilog reported failures: " + string.Join("\n", selfLog));
        var files = Directory.GetFiles(Path.Combine(directory.Path, "logs"), "egiszbus-*.json");
        Assert.HasCount(1, files);
        var json = await File.ReadAllTextAsync(files[0], TestContext.CancellationToken);
        var extra = await File.ReadAllTextAsync(extraFile, TestContext.CancellationToken);
        TestContext.WriteLine(json);

        Assert.HasCount(12, json.Split('\n', StringSplitOptions.RemoveEmptyEntries), "every event written");
        Assert.HasCount(12, extra.Split('\n').Where(line => line.Contains(" [INF] ", StringComparison.Ordinal)
            || line.Contains(" [WRN] ", StringComparison.Ordinal) || line.Contains(" [ERR] ", StringComparison.Ordinal)));
        foreach (var text in new[] { json, extra })
        {
            foreach (var snils in SampleSnils)
            {
                var digits = snils.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
                foreach (var spelling in new[] { snils, digits, snils.Replace(' ', '-'), snils.Replace('-', ' ') })
                {
                    Assert.DoesNotContain(spelling, text);
                }
            }

            foreach (var leaked in FamilyNames.Concat(BirthDates).Concat(["Алексей", "Елена", "Анна"]))
            {
                Assert.DoesNotContain(leaked, text);
            }

            // Not personal: identifiers, counts and plain Cyrillic text survive (which also proves Cyrillic is written as is).
            foreach (var kept in new[] { DocumentId.ToString(), OrganizationOid, DocumentOid, DepartmentOid, "5000", PositionName, DepartmentName, "LAB-2026-0001" })
            {
                Assert.Contains(kept, text);
            }

            Assert.Contains(PersonalDataMasker.Mask, text);
        }

        Assert.Contains("System.InvalidOperationException", json);
        Assert.Contains("System.FormatException", json);
    }

    [TestMethod]
    public async Task GivenMinimumLevelWarningInConfiguration_WhenInformationIsLogged_ThenOnlyWarningsReachTheFile()
    {
        using var directory = new TempDirectory();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" })
            .Build();

        var logger = LoggingSetup.Configure(new LoggerConfiguration(), configuration, directory.Path).CreateLogger();
        await using (logger)
        {
            logger.Information("not written {Number}", 1);
            logger.Warning("written {Number}", 2);
        }

        var text = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(directory.Path, "logs"))[0], TestContext.CancellationToken);
        Assert.DoesNotContain("not written", text);
        Assert.Contains("written", text);
    }

    [TestMethod]
    public async Task GivenNoSerilogSection_WhenMicrosoftAndRebusLogInformation_ThenOnlyOurInformationIsWritten()
    {
        using var directory = new TempDirectory();
        var logger = LoggingSetup.Configure(new LoggerConfiguration(), new ConfigurationBuilder().Build(), directory.Path).CreateLogger();
        await using (logger)
        {
            logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Microsoft.AspNetCore.Routing").Information("routing chatter");
            logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Rebus.Workers").Information("worker chatter");
            logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "EgiszBus.Remd").Information("our news");
            logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "EgiszBus.Remd").Debug("our debug");
        }

        var text = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(directory.Path, "logs"))[0], TestContext.CancellationToken);
        Assert.DoesNotContain("chatter", text);
        Assert.DoesNotContain("our debug", text);
        Assert.Contains("our news", text);
    }

    [TestMethod]
    public void GivenTheBootstrapLogger_WhenAnEventWithSnilsIsLogged_ThenTheConsoleGetsItMasked()
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            var logger = LoggingSetup.CreateBootstrapLogger();
            logger.Information("Start-up check of {Snils} for {Oid}", "456-789-012 38", OrganizationOid);
            logger.Dispose();
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = writer.ToString();
        Assert.Contains("Start-up check of", text);
        Assert.Contains(OrganizationOid, text);
        Assert.DoesNotContain("456-789-012 38", text);
    }

    private sealed record Person(string Family, string Given, string Snils);
}
