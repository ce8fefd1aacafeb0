using System.Numerics;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace EgiszBus.Host.Logging;

/// <summary>
/// A sink decorator that removes personal data from every event before the wrapped sink sees it: the message template
/// text, every property value (scalars, structures, sequences, dictionaries, recursively) and the exception text go
/// through <see cref="PersonalDataMasker"/>; a property, structure member or dictionary entry whose <em>name</em> is
/// personal (<see cref="PersonalDataMasker.IsPersonalPropertyName"/>) becomes <see cref="PersonalDataMasker.Mask"/>.
/// Objects logged without <c>@</c> (kept by Serilog as the object itself and rendered with <c>ToString()</c>) are
/// destructured here first, so a record's <c>ToString()</c> never leaks its personal members.
/// </summary>
public sealed class PersonalDataMaskingSink : ILogEventSink, IDisposable, IAsyncDisposable
{
    private static readonly ScalarValue Masked = new(PersonalDataMasker.Mask);
    private static readonly MessageTemplateParser TemplateParser = new();
    private static readonly Lazy<Logger> Destructurer = new(() => new LoggerConfiguration()
        .Destructure.With(new PersonalDataDestructuringPolicy())
        .Destructure.ToMaximumDepth(6)
        .Destructure.ToMaximumCollectionCount(50)
        .Destructure.ToMaximumStringLength(4000)
        .CreateLogger());

    private readonly ILogEventSink _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public PersonalDataMaskingSink(ILogEventSink inner)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        _inner.Emit(MaskEvent(logEvent));
    }

    /// <summary>A copy of <paramref name="logEvent"/> with personal data masked (timestamp, level, trace and span kept).</summary>
    public static LogEvent MaskEvent(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var templateText = PersonalDataMasker.MaskText(logEvent.MessageTemplate.Text);
        var template = ReferenceEquals(templateText, logEvent.MessageTemplate.Text) || templateText == logEvent.MessageTemplate.Text
            ? logEvent.MessageTemplate
            : TemplateParser.Parse(templateText);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, MaskProperty(p.Key, p.Value, insidePerson: false)));
        var exception = logEvent.Exception is null or MaskedException ? logEvent.Exception : new MaskedException(logEvent.Exception);
        return new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default);
    }

    /// <summary>The masked form of a value held under the property (or member, or dictionary key) <paramref name="name"/>.</summary>
    public static LogEventPropertyValue MaskProperty(string name, LogEventPropertyValue value, bool insidePerson)
    {
        if (PersonalDataMasker.IsPersonalPropertyName(name, insidePerson))
        {
            return Masked;
        }

        return MaskValue(name, value, insidePerson || PersonalDataMasker.IsPersonWord(name), allowDestructuring: true);
    }

    private static LogEventPropertyValue MaskValue(string name, LogEventPropertyValue value, bool insidePerson, bool allowDestructuring)
    {
        switch (value)
        {
            case ScalarValue scalar:
                return MaskScalar(name, scalar, insidePerson, allowDestructuring);
            case StructureValue structure:
            {
                var inside = insidePerson || (structure.TypeTag is { } tag && PersonalDataMasker.IsPersonWord(tag));
                return new StructureValue(
                    structure.Properties.Select(p => new LogEventProperty(p.Name, MaskMember(p.Name, p.Value, inside, allowDestructuring))),
                    structure.TypeTag);
            }

            case SequenceValue sequence:
                return new SequenceValue(sequence.Elements.Select(e => MaskValue(name, e, insidePerson, allowDestructuring)));
            case DictionaryValue dictionary:
                return new DictionaryValue(dictionary.Elements.Select(e => MaskEntry(e.Key, e.Value, insidePerson, allowDestructuring)));
            default:
                return new ScalarValue(PersonalDataMasker.MaskText(value.ToString()));
        }
    }

    private static LogEventPropertyValue MaskMember(string name, LogEventPropertyValue value, bool insidePerson, bool allowDestructuring) =>
        PersonalDataMasker.IsPersonalPropertyName(name, insidePerson)
            ? Masked
            : MaskValue(name, value, insidePerson || PersonalDataMasker.IsPersonWord(name), allowDestructuring);

    private static KeyValuePair<ScalarValue, LogEventPropertyValue> MaskEntry(
        ScalarValue key, LogEventPropertyValue value, bool insidePerson, bool allowDestructuring)
    {
        var keyText = key.Value?.ToString() ?? string.Empty;
        var maskedKey = key.Value is string s ? new ScalarValue(PersonalDataMasker.MaskText(s)) : key;
        return new(maskedKey, MaskMember(keyText, value, insidePerson, allowDestructuring));
    }

    private static LogEventPropertyValue MaskScalar(string name, ScalarValue scalar, bool insidePerson, bool allowDestructuring)
    {
        switch (scalar.Value)
        {
            case null:
            case bool:
            case char:
            case float or double or decimal or Half:
            case DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan:
            case Guid:
            case Enum:
                return scalar;
            case string text:
            {
                var masked = PersonalDataMasker.MaskText(text);
                return ReferenceEquals(masked, text) || masked == text ? scalar : new ScalarValue(masked);
            }

            case sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128 or BigInteger:
                return PersonalDataMasker.IsPersonalNumber((IFormattable)scalar.Value) ? Masked : scalar;
            case Uri uri:
            {
                var text = uri.ToString();
                var masked = PersonalDataMasker.MaskText(text);
                return masked == text ? scalar : new ScalarValue(masked);
            }

            default:
                if (PersonalDataDestructuringPolicy.TryMask(scalar.Value) is { } contract)
                {
                    return contract;
                }

                if (allowDestructuring && Destructurer.Value.BindProperty(string.IsNullOrWhiteSpace(name) ? "Value" : name, scalar.Value, destructureObjects: true, out var bound))
                {
                    return MaskValue(name, bound.Value, insidePerson, allowDestructuring: false);
                }

                return new ScalarValue(PersonalDataMasker.MaskText(scalar.Value.ToString() ?? string.Empty));
        }
    }

    /// <inheritdoc />
    public void Dispose() => (_inner as IDisposable)?.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_inner is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        Dispose();
        return ValueTask.CompletedTask;
    }
}
