namespace EgiszBus.Adapters.Semd;

/// <summary>One coded fact of a kind-147 section: an <c>entry/observation</c> with a field code of 1.2.643.5.1.13.13.99.2.166.</summary>
/// <param name="Field">The field (observation/code).</param>
/// <param name="Type">The value's xsi:type: CD, BL, ST or INT.</param>
/// <param name="Coded">The coded value (CD), else null.</param>
/// <param name="Value">The text (ST), «true»/«false» (BL) or the number (INT), else null.</param>
/// <param name="Text">observation/text, or null.</param>
internal sealed record DischargeSummaryFact(CdaCode Field, string Type, CdaCode? Coded, string? Value, string? Text = null);
