package org.keygate.platform.boundary;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import org.keygate.platform.control.MaskedLogRecords;

/**
 * Every record of Keygate's own loggers ({@code org.keygate.*}) passes through one handler that
 * masks keys ({@link MaskedLogRecords}) and then hands it to the handlers above, where the
 * server's own handlers sit. Installed first at start, on every server, and removed at undeploy.
 * Holding the logger here also keeps its configuration: JUL keeps loggers only weakly.
 */
@Singleton
@Startup
public class LogMasking {

    static final String APPLICATION = "org.keygate";

    private Logger logger;
    private Handler handler;
    private boolean usedParentHandlers;

    /** Idempotent: run at construction, and called by {@link Migrator} first thing so it precedes every startup log. */
    @PostConstruct
    public void install() {
        if (handler != null) {
            return;
        }
        logger = Logger.getLogger(APPLICATION);
        handler = new MaskingHandler(logger);
        usedParentHandlers = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    @PreDestroy
    void remove() {
        if (handler != null) {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(usedParentHandlers);
            handler = null;
        }
    }

    /** Masks, then publishes to the handlers of the loggers above {@code below}, as JUL's parent handling would. */
    static final class MaskingHandler extends Handler {

        private final Logger below;

        MaskingHandler(Logger below) {
            this.below = below;
        }

        @Override
        public void publish(LogRecord record) {
            MaskedLogRecords.mask(record);
            for (Logger l = below.getParent(); l != null; l = l.getParent()) {
                for (Handler h : l.getHandlers()) {
                    h.publish(record);
                }
                if (!l.getUseParentHandlers()) {
                    break;
                }
            }
        }

        @Override
        public void flush() {
            for (Logger l = below.getParent(); l != null; l = l.getParent()) {
                for (Handler h : l.getHandlers()) {
                    h.flush();
                }
            }
        }

        @Override
        public void close() {
            // the handlers above belong to the server
        }
    }
}
