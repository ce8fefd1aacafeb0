using EgiszBus.Endpoints.Hosting;
using Microsoft.Extensions.Configuration;

namespace EgiszBus.Host.Configuration;

/// <summary>
/// Builds the host's <see cref="IConfiguration"/> and turns it into checked <see cref="HostSettings"/>.
/// Sources, later ones winning: <c>appsettings.json</c> next to the executable, <c>appsettings.json</c> in the working
/// directory, environment variables <c>EGISZBUS__Section__Key</c>, command-line <c>--Section:Key=value</c>.
/// </summary>
public static class HostConfiguration
{
    /// <summary>The prefix of environment variables read (<c>EGISZBUS__Bus__Transport</c> → <c>Bus:Transport</c>).</summary>
    public const string EnvironmentPrefix = "EGISZBUS__";

    /// <summary>The settings file name.</summary>
    public const string SettingsFileName = "appsettings.json";

    /// <summary>Largest settings file read (1 MiB): a bigger one is a mistake, not configuration.</summary>
    public const long MaxSettingsFileBytes = 1024 * 1024;

    /// <summary>
    /// Builds the configuration. Only arguments of the form <c>--Section:Key=value</c> are read from
    /// <paramref name="args"/>, so the command's own arguments (<c>run --endpoints all</c>) pass through untouched.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="baseDirectory">Where the executable is; default <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="workingDirectory">The working directory; default <see cref="Environment.CurrentDirectory"/>.</param>
    public static IConfigurationRoot Build(string[] args, string? baseDirectory = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = new ConfigurationBuilder();
        var files = new[] { baseDirectory ?? AppContext.BaseDirectory, workingDirectory ?? Environment.CurrentDirectory }
            .Select(d => Path.GetFullPath(Path.Combine(d, SettingsFileName)))
            .Distinct(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (File.Exists(file) && new FileInfo(file).Length > MaxSettingsFileBytes)
            {
                throw new ConfigurationValidationException(
                    [new ConfigurationProblem(file, $"the file is larger than {MaxSettingsFileBytes} bytes") { Code = ConfigurationProblemCodes.OutOfRange }]);
            }

            builder.AddJsonFile(file, optional: true, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine(args.Where(IsConfigurationArgument).ToArray());
        return builder.Build();
    }

    /// <summary>Binds, defaults and checks every section; never throws for bad values (they become problems).</summary>
    /// <param name="configuration">The configuration, usually from <see cref="Build"/>.</param>
    /// <param name="repositorySearchStart">
    /// Where to start looking upwards for <c>EgiszBus.sln</c> when <c>ReferenceData:Path</c> is empty; default
    /// <see cref="AppContext.BaseDirectory"/>.
    /// </param>
    public static HostSettingsResult Read(IConfiguration configuration, string? repositorySearchStart = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigurationProblem>();
        var warnings = new List<ConfigurationProblem>();

        var settings = new HostSettings
        {
            Bus = Bind<BusOptions>(configuration, BusOptions.SectionName, problems, warnings),
            Gateway = Bind<GatewayOptions>(configuration, GatewayOptions.SectionName, problems, warnings),
            Remd = Bind<RemdOptions>(configuration, RemdOptions.SectionName, problems, warnings),
            ReferenceData = Bind<ReferenceDataOptions>(configuration, ReferenceDataOptions.SectionName, problems, warnings),
            Trust = Bind<TrustOptions>(configuration, TrustOptions.SectionName, problems, warnings),
            Signing = Bind<SigningOptions>(configuration, SigningOptions.SectionName, problems, warnings),
        };

        CheckBus(settings.Bus, problems);
        CheckGateway(settings.Gateway, problems);
        CheckRemd(settings.Remd, settings.Gateway, problems);
        CheckReferenceData(settings.ReferenceData, repositorySearchStart ?? AppContext.BaseDirectory, problems);
        CheckTrust(settings.Trust, problems);
        CheckSigning(settings.Signing, problems);
        return new HostSettingsResult(settings, problems, warnings);
    }

    /// <summary>
    /// <see cref="Read"/>, then throws <see cref="ConfigurationValidationException"/> listing every problem if there is any.
    /// Warnings are returned through <paramref name="warnings"/> for the caller to log.
    /// </summary>
    public static HostSettings Load(IConfiguration configuration, out IReadOnlyList<ConfigurationProblem> warnings, string? repositorySearchStart = null)
    {
        var result = Read(configuration, repositorySearchStart);
        if (!result.IsValid)
        {
            throw new ConfigurationValidationException(result.Problems);
        }

        warnings = result.Warnings;
        return result.Settings;
    }

    /// <summary>The folder holding <c>EgiszBus.sln</c> at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EgiszBus.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static bool IsConfigurationArgument(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals > 2 && arg.AsSpan(2, equals - 2).Contains(':');
    }

    private static T Bind<T>(IConfiguration configuration, string sectionName, List<ConfigurationProblem> problems, List<ConfigurationProblem> warnings)
        where T : class, new()
    {
        var section = configuration.GetSection(sectionName);
        var before = problems.Count;
        ConfigurationShapeChecker.Check(section, typeof(T), problems, warnings);
        if (problems.Count > before)
        {
            // Bind what can be bound: a bad value keeps its default, its problem is already reported.
            var options = new T();
            foreach (var child in section.GetChildren())
            {
                try
                {
                    new ConfigurationBuilder()
                        .AddInMemoryCollection(child.AsEnumerable().Where(kv => kv.Value is not null)
                            .Select(kv => new KeyValuePair<string, string?>(kv.Key[(sectionName.Length + 1)..], kv.Value)))
                        .Build()
                        .Bind(options);
                }
                catch (InvalidOperationException)
                {
                    // Reported by the shape check.
                }
            }

            return options;
        }

        try
        {
            return section.Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(new ConfigurationProblem(sectionName, e.Message));
            return new T();
        }
    }

    private static void CheckBus(BusOptions bus, List<ConfigurationProblem> problems)
    {
        foreach (var error in bus.Validate())
        {
            // BusOptions.Validate() writes "Bus:Key must …": split the key off so every problem names it the same way.
            var space = error.IndexOf(' ', StringComparison.Ordinal);
            var key = space > 0 && error.StartsWith(BusOptions.SectionName + ":", StringComparison.Ordinal) ? error[..space] : BusOptions.SectionName;
            var message = space > 0 && key != BusOptions.SectionName ? error[(space + 1)..] : error;
            problems.Add(new ConfigurationProblem(key, message)
            {
                Code = message.StartsWith("is required", StringComparison.Ordinal) ? ConfigurationProblemCodes.Required : ConfigurationProblemCodes.Bus,
            });
        }
    }

    private static void CheckGateway(GatewayOptions gateway, List<ConfigurationProblem> problems) =>
        CheckHttpUrl("Gateway:Url", gateway.Url, required: true, problems);

    private static void CheckRemd(RemdOptions remd, GatewayOptions gateway, List<ConfigurationProblem> problems)
    {
        CheckHttpUrl("Remd:ServiceUrl", remd.ServiceUrl, required: false, problems);
        if (string.IsNullOrWhiteSpace(remd.CallbackUrl))
        {
            remd.CallbackUrl = IsHttpUrl(gateway.Url) ? gateway.Url.TrimEnd('/') + "/remd/callback" : null;
        }
        else
        {
            CheckHttpUrl("Remd:CallbackUrl", remd.CallbackUrl, required: false, problems);
        }

        if (remd.ClientEntityId == Guid.Empty)
        {
            problems.Add(new ConfigurationProblem("Remd:ClientEntityId", "must not be the empty GUID") { Code = ConfigurationProblemCodes.OutOfRange });
        }

        var retry = remd.Retry;
        Positive("Remd:Retry:InitialDelay", retry.InitialDelay, problems);
        if (!(retry.Factor >= 1) || double.IsInfinity(retry.Factor))
        {
            problems.Add(new ConfigurationProblem("Remd:Retry:Factor", "must be ≥ 1") { Code = ConfigurationProblemCodes.OutOfRange });
        }

        if (retry.MaxDelay < retry.InitialDelay)
        {
            problems.Add(new ConfigurationProblem("Remd:Retry:MaxDelay", $"must be ≥ Remd:Retry:InitialDelay ({retry.InitialDelay:c})")
            {
                Code = ConfigurationProblemCodes.OutOfRange,
            });
        }

        Positive("Remd:Retry:Deadline", retry.Deadline, problems);
        Positive("Remd:CallbackTimeout", remd.CallbackTimeout, problems);
        Positive("Remd:RequestTimeout", remd.RequestTimeout, problems);
    }

    private static void CheckReferenceData(ReferenceDataOptions referenceData, string repositorySearchStart, List<ConfigurationProblem> problems)
    {
        const string key = "ReferenceData:Path";
        if (string.IsNullOrWhiteSpace(referenceData.Path))
        {
            var root = FindRepositoryRoot(repositorySearchStart);
            if (root is null)
            {
                problems.Add(new ConfigurationProblem(key, "required: the folder of the official reference data (semd/, nsi/, remd/)")
                {
                    Code = ConfigurationProblemCodes.Required,
                });
                return;
            }

            referenceData.Path = Path.Combine(root, "..", "shared", "data");
        }

        referenceData.Path = Path.GetFullPath(referenceData.Path);
        if (!Directory.Exists(referenceData.Path))
        {
            problems.Add(new ConfigurationProblem(key, $"directory '{referenceData.Path}' does not exist") { Code = ConfigurationProblemCodes.NotFound });
        }
    }

    private static void CheckTrust(TrustOptions trust, List<ConfigurationProblem> problems)
    {
        for (var i = 0; i < trust.CaCertificates.Count; i++)
        {
            CheckFile($"Trust:CaCertificates:{i}", trust.CaCertificates[i], problems);
        }

        for (var i = 0; i < trust.Crls.Count; i++)
        {
            CheckFile($"Trust:Crls:{i}", trust.Crls[i], problems);
        }
    }

    private static void CheckSigning(SigningOptions signing, List<ConfigurationProblem> problems)
    {
        var hasCertificate = !string.IsNullOrWhiteSpace(signing.CertificatePath);
        var hasKey = !string.IsNullOrWhiteSpace(signing.PrivateKeyPath);
        if (hasCertificate != hasKey)
        {
            var (missing, present) = hasCertificate ? ("Signing:PrivateKeyPath", "Signing:CertificatePath") : ("Signing:CertificatePath", "Signing:PrivateKeyPath");
            problems.Add(new ConfigurationProblem(missing, $"is required when {present} is set") { Code = ConfigurationProblemCodes.Required });
        }

        if (hasCertificate)
        {
            CheckFile("Signing:CertificatePath", signing.CertificatePath!, problems);
        }

        if (hasKey)
        {
            CheckFile("Signing:PrivateKeyPath", signing.PrivateKeyPath!, problems);
        }
    }

    private static void CheckFile(string key, string path, List<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add(new ConfigurationProblem(key, "must not be empty") { Code = ConfigurationProblemCodes.Required });
        }
        else if (!File.Exists(path))
        {
            problems.Add(new ConfigurationProblem(key, $"file '{Path.GetFullPath(path)}' does not exist") { Code = ConfigurationProblemCodes.NotFound });
        }
    }

    private static void CheckHttpUrl(string key, string? value, bool required, List<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add(new ConfigurationProblem(key, "required: an absolute http URL") { Code = ConfigurationProblemCodes.Required });
            }

            return;
        }

        if (!IsHttpUrl(value))
        {
            problems.Add(new ConfigurationProblem(key, $"'{value}' is not an absolute http URL") { Code = ConfigurationProblemCodes.InvalidUrl });
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static void Positive(string key, TimeSpan value, List<ConfigurationProblem> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(new ConfigurationProblem(key, $"must be > 00:00:00, got {value:c}") { Code = ConfigurationProblemCodes.OutOfRange });
        }
    }
}
