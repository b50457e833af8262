package dev.newsroom.platform.logging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;

/**
 * Commons Logging's own bridge to SLF4J (1.3 and 1.4) turns every message into a string before SLF4J
 * is asked whether its level is on, so a framework's unguarded {@code logger.debug(LogMessage.format(
 * ...))} formats on every call with debug off: Spring Security's path matchers do, on every request
 * (a few percent of the gateway's CPU, measured with JFR). This factory hands out that bridge's logs
 * behind a check of the level first. Commons Logging finds it through {@code META-INF/services},
 * the lookup it makes before choosing its SLF4J bridge itself.
 */
public final class LevelCheckingLogFactory extends LogFactory {

    private final LogFactory slf4j = new Slf4jLogFactory();

    @Override
    public Log getInstance(Class<?> type) {
        return new LevelCheckingLog(slf4j.getInstance(type));
    }

    @Override
    public Log getInstance(String name) {
        return new LevelCheckingLog(slf4j.getInstance(name));
    }

    @Override
    public Object getAttribute(String name) {
        return slf4j.getAttribute(name);
    }

    @Override
    public String[] getAttributeNames() {
        return slf4j.getAttributeNames();
    }

    @Override
    public void removeAttribute(String name) {
        slf4j.removeAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        slf4j.setAttribute(name, value);
    }

    @Override
    public void release() {
        slf4j.release();
    }

    /** A log that passes a message on only when its level is on. */
    record LevelCheckingLog(Log log) implements Log {

        @Override
        public boolean isTraceEnabled() {
            return log.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return log.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return log.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return log.isErrorEnabled();
        }

        @Override
        public boolean isFatalEnabled() {
            return log.isFatalEnabled();
        }

        @Override
        public void trace(Object message) {
            if (log.isTraceEnabled()) {
                log.trace(message);
            }
        }

        @Override
        public void trace(Object message, Throwable failure) {
            if (log.isTraceEnabled()) {
                log.trace(message, failure);
            }
        }

        @Override
        public void debug(Object message) {
            if (log.isDebugEnabled()) {
                log.debug(message);
            }
        }

        @Override
        public void debug(Object message, Throwable failure) {
            if (log.isDebugEnabled()) {
                log.debug(message, failure);
            }
        }

        @Override
        public void info(Object message) {
            if (log.isInfoEnabled()) {
                log.info(message);
            }
        }

        @Override
        public void info(Object message, Throwable failure) {
            if (log.isInfoEnabled()) {
                log.info(message, failure);
            }
        }

        @Override
        public void warn(Object message) {
            if (log.isWarnEnabled()) {
                log.warn(message);
            }
        }

        @Override
        public void warn(Object message, Throwable failure) {
            if (log.isWarnEnabled()) {
                log.warn(message, failure);
            }
        }

        @Override
        public void error(Object message) {
            if (log.isErrorEnabled()) {
                log.error(message);
            }
        }

        @Override
        public void error(Object message, Throwable failure) {
            if (log.isErrorEnabled()) {
                log.error(message, failure);
            }
        }

        @Override
        public void fatal(Object message) {
            if (log.isFatalEnabled()) {
                log.fatal(message);
            }
        }

        @Override
        public void fatal(Object message, Throwable failure) {
            if (log.isFatalEnabled()) {
                log.fatal(message, failure);
            }
        }
    }
}
