namespace EgiszBus.Endpoints.Hosting;

/// <summary>Where the bus keeps its queues, sagas and subscriptions.</summary>
public enum TransportKind
{
    /// <summary>Serverless: one SQLite database under <see cref="BusOptions.DataDirectory"/> (zero setup).</summary>
    Embedded = 0,

    /// <summary>PostgreSQL (Rebus.PostgreSql): production, scale-out by competing endpoint instances.</summary>
    PostgreSql = 1,
}
