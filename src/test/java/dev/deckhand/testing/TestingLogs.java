package dev.deckhand.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything logged while it is attached, so tests can assert what a request wrote to the log (and what it did not). */
public final class TestingLogs
        extends AppenderBase<ILoggingEvent>
        implements AutoCloseable
{
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    private TestingLogs() {}

    /** Starts capturing every logger's events. */
    public static TestingLogs capture()
    {
        TestingLogs logs = new TestingLogs();
        logs.setContext(root().getLoggerContext());
        logs.start();
        root().addAppender(logs);
        return logs;
    }

    @Override
    protected void append(ILoggingEvent event)
    {
        events.add(event);
    }

    /** How many events were captured so far: a mark to pass to {@link #since}. */
    public int mark()
    {
        return events.size();
    }

    /** Events captured after {@code mark}, oldest first. */
    public List<ILoggingEvent> since(int mark)
    {
        return List.copyOf(events.subList(mark, events.size()));
    }

    /** A captured event as one line, with its logger name and any exception's class. */
    public static String line(ILoggingEvent event)
    {
        return event.getLoggerName() + " " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName());
    }

    @Override
    public void close()
    {
        root().detachAppender(this);
        stop();
    }

    private static Logger root()
    {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
