namespace EgiszBus.Adapters.Semd;

/// <summary>How a kind writes the source of payment (<see cref="PaymentSource"/>).</summary>
/// <param name="ContactStyle">The style the insurer's telecom and address are written in.</param>
/// <param name="TypedNullTexts"><c>identity:Series</c> and <c>identity:Number</c> carry <c>xsi:type="ST"</c> also with a nullFlavor (80, 83); else only with a value (119).</param>
/// <param name="TypedNullInn"><c>identity:INN</c> carries <c>xsi:type="ST"</c> also with a nullFlavor (83); else only with a value (119, 80).</param>
/// <param name="Untyped">No <c>xsi:type</c> at all on the <c>identity:</c> elements (147: the 2022+ XSD generation blocks it).</param>
internal sealed record PaymentSourceOptions(CdaStyle ContactStyle, bool TypedNullTexts, bool TypedNullInn, bool Untyped = false);
