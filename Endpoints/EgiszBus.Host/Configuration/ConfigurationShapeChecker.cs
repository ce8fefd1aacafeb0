using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace EgiszBus.Host.Configuration;

/// <summary>
/// Walks a configuration section alongside an options type before binding: every value must convert to its property's
/// type (so the binder never throws and each bad value is named by its key); keys no property reads become warnings.
/// </summary>
internal static class ConfigurationShapeChecker
{
    public static void Check(IConfigurationSection section, Type optionsType, List<ConfigurationProblem> problems, List<ConfigurationProblem> warnings)
    {
        var properties = optionsType
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.SetMethod?.IsPublic == true || IsCollection(p.PropertyType, out _)))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                warnings.Add(new ConfigurationProblem(
                    child.Path,
                    $"unknown key, ignored (known keys of {section.Path}: {string.Join(", ", properties.Keys)})")
                {
                    Code = ConfigurationProblemCodes.UnknownKey,
                });
                continue;
            }

            CheckValue(child, property.PropertyType, problems, warnings);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<ConfigurationProblem> problems, List<ConfigurationProblem> warnings)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var target = underlying ?? type;
        if (IsSimple(target))
        {
            var value = section.Value;
            if (value is null)
            {
                if (section.GetChildren().Any())
                {
                    problems.Add(new ConfigurationProblem(section.Path, $"expected a single value ({Describe(target)}), found a section"));
                }

                return;
            }

            if (target == typeof(string) || (underlying is not null && value.Length == 0))
            {
                return;
            }

            if (target.IsEnum)
            {
                var names = Enum.GetNames(target);
                if (!names.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(new ConfigurationProblem(section.Path, $"'{value}' is not one of {string.Join(", ", names)}")
                    {
                        Code = ConfigurationProblemCodes.NotAllowed,
                    });
                }

                return;
            }

            try
            {
                _ = TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
            {
                problems.Add(new ConfigurationProblem(section.Path, $"'{value}' is not {Describe(target)}"));
            }

            return;
        }

        if (IsCollection(target, out var elementType))
        {
            foreach (var child in section.GetChildren())
            {
                CheckValue(child, elementType, problems, warnings);
            }

            return;
        }

        Check(section, target, problems, warnings);
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private static bool IsCollection(Type type, out Type elementType)
    {
        if (type.IsArray)
        {
            elementType = type.GetElementType()!;
            return true;
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType && type.GetGenericArguments().Length == 1)
        {
            elementType = type.GetGenericArguments()[0];
            return true;
        }

        elementType = typeof(object);
        return false;
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration ([d.]hh:mm:ss, e.g. 00:00:30 or 2.00:00:00)",
        _ when type == typeof(Guid) => "a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number (e.g. 2.0)",
        _ when type == typeof(Uri) => "a URL",
        _ => "a " + type.Name,
    };
}
