package org.keygate.platform.boundary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.keygate.platform.control.JsonLogFormatter;
import org.keygate.platform.control.MaskedLogRecords;

/**
 * Every record of Keygate's own loggers ({@code org.keygate.*}) passes through one handler that
 * masks keys ({@link MaskedLogRecords}) and then hands it to the handlers above, where the
 * server's own handlers sit. Installed first at start, on every server, and removed at undeploy.
 * Holding the logger here also keeps its configuration: JUL keeps loggers only weakly. With
 * {@code keygate.log.format=json} the same records also go, as JSON lines, to a file of their own.
 */
@Singleton
@Startup
public class LogMasking {

    static final String APPLICATION = "org.keygate";

    private Logger logger;
    private Handler handler;
    private Handler jsonFile;
    private boolean usedParentHandlers;

    /** Idempotent: run at construction, and called by {@link Migrator} first thing so it precedes every startup log. */
    @PostConstruct
    public void install() {
        if (handler != null) {
            return;
        }
        logger = Logger.getLogger(APPLICATION);
        jsonFile = jsonFile();
        handler = new MaskingHandler(logger, jsonFile);
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
        if (jsonFile != null) {
            jsonFile.close();
            jsonFile = null;
        }
    }

    /**
     * {@code keygate.log.format=json}: a file of one JSON object per line ({@link JsonLogFormatter})
     * at {@code keygate.log.json-file} (appended to; rotate it with {@code logrotate copytruncate}),
     * besides the server's own log; {@code text} (the default): the server's log only.
     */
    private static Handler jsonFile() {
        Config config = ConfigProvider.getConfig(LogMasking.class.getClassLoader());
        String format = config.getOptionalValue("keygate.log.format", String.class).orElse("text").strip();
        switch (format) {
            case "text":
                return null;
            case "json":
                break;
            default:
                throw new IllegalStateException("keygate.log.format=" + format + ": must be text or json");
        }
        Path file = Path.of(config.getOptionalValue("keygate.log.json-file", String.class).orElse("./logs/keygate.jsonl")
                .strip()).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            FileHandler handler = new FileHandler(file.toString().replace("%", "%%"), 0, 1, true);
            handler.setFormatter(new JsonLogFormatter());
            handler.setEncoding("UTF-8");
            return handler;
        } catch (IOException e) {
            throw new IllegalStateException("keygate.log.json-file=" + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Masks, then publishes to the handlers of the loggers above {@code below}, as JUL's parent handling would. */
    static final class MaskingHandler extends Handler {

        private final Logger below;
        private final Handler jsonFile;

        MaskingHandler(Logger below, Handler jsonFile) {
            this.below = below;
            this.jsonFile = jsonFile;
        }

        @Override
        public void publish(LogRecord record) {
            MaskedLogRecords.mask(record);
            if (jsonFile != null) {
                jsonFile.publish(record);
            }
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
            if (jsonFile != null) {
                jsonFile.flush();
            }
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
