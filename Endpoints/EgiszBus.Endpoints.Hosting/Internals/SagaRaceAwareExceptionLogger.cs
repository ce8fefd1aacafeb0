using Npgsql;
using Rebus.Exceptions;
using Rebus.Logging;
using Rebus.Retry;

namespace EgiszBus.Endpoints.Hosting.Internals;

/// <summary>
/// Logs handler exceptions like Rebus does (warning with the exception), except an expected saga race on a non-final attempt:
/// two messages that may both start the same saga (a REMD callback overtaking the commit of the saga that sent the request) both
/// insert it, the loser fails with a <see cref="ConcurrencyException"/> (embedded storage) or a PostgreSQL unique violation
/// (<c>23505</c>, Rebus.PostgreSql) and its retry finds the saga. That is written as one information line without a stack trace;
/// if the same message still fails on its last attempt, the usual warning with the full exception is written.
/// </summary>
internal sealed class SagaRaceAwareExceptionLogger : IExceptionLogger
{
    private readonly ILog log;

    public SagaRaceAwareExceptionLogger(IRebusLoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        log = loggerFactory.GetLogger<SagaRaceAwareExceptionLogger>();
    }

    public void LogException(string messageId, Exception exception, int errorCount, bool isFinal)
    {
        if (!isFinal && IsSagaRace(exception))
        {
            log.Info("Saga conflict on attempt {errorNumber} of message {messageId} ({reason}); it is retried and will find the saga the other message stored",
                errorCount, messageId, Reason(exception));
            return;
        }

        log.Warn(exception, isFinal
            ? "Unhandled exception {errorNumber} (FINAL) while handling message with ID {messageId}"
            : "Unhandled exception {errorNumber} while handling message with ID {messageId}", errorCount, messageId);
    }

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a saga concurrency conflict.</summary>
    internal static bool IsSagaRace(Exception exception) => Chain(exception).Any(e =>
        e is ConcurrencyException || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

    private static string Reason(Exception exception) =>
        Chain(exception).FirstOrDefault(e => e is PostgresException) is PostgresException postgres
            ? $"PostgreSQL {postgres.SqlState} on {postgres.TableName ?? postgres.ConstraintName ?? "saga index"}"
            : nameof(ConcurrencyException);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
