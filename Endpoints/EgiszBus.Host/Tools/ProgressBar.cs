using System.Globalization;

namespace EgiszBus.Host.Tools;

/// <summary>
/// Progress of a batch on the error stream: on a terminal one line redrawn in place (<c>\r[#####     ] 3/10</c>), otherwise
/// one plain line per item (<c>[3/10] 186-186101.xml</c>), so logs and pipes stay readable.
/// </summary>
public sealed class ProgressBar
{
    /// <summary>Width of the bar, in characters.</summary>
    public const int Width = 20;

    private readonly TextWriter writer;
    private readonly int total;
    private readonly bool interactive;
    private int done;

    /// <summary>Creates a progress report of <paramref name="total"/> items written to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where to write (the error stream).</param>
    /// <param name="total">Number of items.</param>
    /// <param name="interactive">True for the in-place bar (a terminal), false for plain lines.</param>
    public ProgressBar(TextWriter writer, int total, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        this.writer = writer;
        this.total = total;
        this.interactive = interactive;
    }

    /// <summary>True when <paramref name="writer"/> is the console's error stream and neither output stream is redirected.</summary>
    public static bool IsTerminal(TextWriter writer) =>
        ReferenceEquals(writer, Console.Error) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>One more item is done.</summary>
    public void Advance(string item)
    {
        done = Math.Min(done + 1, total);
        if (interactive)
        {
            var filled = total == 0 ? Width : done * Width / total;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string(' ', Width - filled)}] {done}/{total}"));
            if (done == total)
            {
                writer.WriteLine();
            }
        }
        else
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{done}/{total}] {item}"));
        }

        writer.Flush();
    }
}
