using EgiszBus.Contracts.Commands;
using Rebus.Config;
using Rebus.Routing;
using Rebus.Routing.TypeBased;

namespace EgiszBus.Endpoints.Hosting;

/// <summary>The one place that says which endpoint owns which command.</summary>
public static class MessageRouting
{
    /// <summary>Command type → owning endpoint (input queue).</summary>
    public static IReadOnlyDictionary<Type, string> Destinations { get; } = new Dictionary<Type, string>
    {
        [typeof(SubmitDocument)] = "documents",
        [typeof(RecordRemdResult)] = "remd",
    };

    /// <summary>Applies <see cref="Destinations"/> to a Rebus router configuration.</summary>
    public static void Apply(StandardConfigurer<IRouter> router)
    {
        ArgumentNullException.ThrowIfNull(router);
        var typeBased = router.TypeBased();
        foreach (var (type, destination) in Destinations)
        {
            typeBased.Map(type, destination);
        }
    }
}
