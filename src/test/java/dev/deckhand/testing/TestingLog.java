package dev.deckhand.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** What Deckhand logs while this is open, for tests that check how often and how a failure is logged. */
public final class TestingLog
        implements AutoCloseable
{
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private TestingLog()
    {
        appender.start();
        root.addAppender(appender);
    }

    public static TestingLog capture()
    {
        return new TestingLog();
    }

    /** Everything logged so far, oldest first. */
    public List<Logged> events()
    {
        synchronized (appender) {
            return appender.list.stream()
                    .map(event -> new Logged(event.getLoggerName(), event.getLevel(), event.getFormattedMessage(), event.getThrowableProxy() != null))
                    .toList();
        }
    }

    @Override
    public void close()
    {
        root.detachAppender(appender);
        appender.stop();
    }

    /** One log line; {@code stackTrace} when a throwable was logged with it. */
    public record Logged(String logger, Level level, String message, boolean stackTrace) {}
}
