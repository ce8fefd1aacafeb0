using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Hosting;
using Serilog.Formatting.Compact;
using Serilog.Settings.Configuration;

namespace EgiszBus.Host.Logging;

/// <summary>
/// The logging of the <c>egiszbus</c> executable: a short human-readable console, a rolling compact-JSON file under
/// <c>{dataDirectory}/logs/</c>, levels from the <c>Serilog</c> configuration section, and every event — including those
/// of sinks added through configuration — passing through <see cref="PersonalDataMaskingSink"/> first.
/// </summary>
/// <remarks>
/// Layout: the configured logger (levels, enrichers, filters, destructuring, our <see cref="PersonalDataDestructuringPolicy"/>)
/// writes to exactly one sink, the masking sink, which wraps an inner logger holding the real sinks: console, file and any
/// <c>Serilog:WriteTo</c> entries. So <c>Serilog:MinimumLevel</c>, <c>Serilog:Enrich</c>, <c>Serilog:Filter</c>,
/// <c>Serilog:Properties</c> and <c>Serilog:Destructure</c> apply before masking, <c>Serilog:WriteTo</c> after it.
/// </remarks>
public static class LoggingSetup
{
    /// <summary>The console line: time, level, message, exception.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>The file name pattern under <c>{dataDirectory}/logs/</c>; the date goes before the dot.</summary>
    public const string FileName = "egiszbus-.json";

    /// <summary>A log file rolls over when it reaches this size (64 MiB) as well as daily.</summary>
    public const long FileSizeLimitBytes = 64L * 1024 * 1024;

    /// <summary>How many log files are kept (31: a month of daily files).</summary>
    public const int RetainedFileCount = 31;

    /// <summary>The configuration section read by Serilog.Settings.Configuration.</summary>
    public const string SectionName = "Serilog";

    private static readonly string[] InnerKeys = ["Using", "WriteTo", "AuditTo", "LevelSwitches"];

    /// <summary>
    /// Configures <paramref name="loggerConfiguration"/>: defaults Information with <c>Microsoft</c>, <c>System.Net.Http</c>
    /// and <c>Rebus</c> at Warning (<c>Microsoft.Hosting.Lifetime</c> at Information), overridden by the <c>Serilog</c> section
    /// of <paramref name="configuration"/> when present; console and rolling JSON file sinks; everything masked.
    /// </summary>
    public static LoggerConfiguration Configure(LoggerConfiguration loggerConfiguration, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(loggerConfiguration);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        ApplyDefaults(loggerConfiguration);
        var readerOptions = new ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(FileLoggerConfigurationExtensions).Assembly,
            typeof(CompactJsonFormatter).Assembly)
        {
            SectionName = SectionName,
        };
        if (configuration.GetSection(SectionName).Exists())
        {
            loggerConfiguration.ReadFrom.Configuration(Subset(configuration, key => !IsInnerKey(key)), readerOptions);
        }

        var inner = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(dataDirectory, "logs", FileName),
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: FileSizeLimitBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: RetainedFileCount);
        if (configuration.GetSection(SectionName).GetChildren().Any(c => InnerKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            inner.ReadFrom.Configuration(Subset(configuration, IsInnerKey), readerOptions);
        }

        return loggerConfiguration.WriteTo.Sink(new PersonalDataMaskingSink(inner.CreateLogger()));
    }

    /// <summary>
    /// A console-only, masked logger for start-up (before configuration is read), meant for <c>Log.Logger</c>; the host
    /// later replaces it (<c>services.AddSerilog((sp, c) =&gt; LoggingSetup.Configure(c, configuration, dataDirectory))</c>
    /// reloads it in place).
    /// </summary>
    public static ReloadableLogger CreateBootstrapLogger()
    {
        var console = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture)
            .CreateLogger();
        return ApplyDefaults(new LoggerConfiguration())
            .WriteTo.Sink(new PersonalDataMaskingSink(console))
            .CreateBootstrapLogger();
    }

    private static LoggerConfiguration ApplyDefaults(LoggerConfiguration loggerConfiguration) => loggerConfiguration
        .MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
        .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
        .MinimumLevel.Override("Rebus", LogEventLevel.Warning)
        .Enrich.FromLogContext()
        .Destructure.With(new PersonalDataDestructuringPolicy());

    private static bool IsInnerKey(string childKey) => InnerKeys.Contains(childKey, StringComparer.OrdinalIgnoreCase);

    /// <summary>A copy of the <c>Serilog</c> section keeping only the children whose key passes <paramref name="keep"/>.</summary>
    private static IConfiguration Subset(IConfiguration configuration, Func<string, bool> keep)
    {
        var prefix = SectionName + ":";
        var values = configuration.GetSection(SectionName)
            .AsEnumerable()
            .Where(kv => kv.Value is not null && kv.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Where(kv => keep(kv.Key[prefix.Length..].Split(':')[0]));
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
