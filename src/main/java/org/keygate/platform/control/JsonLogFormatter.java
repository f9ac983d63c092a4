package org.keygate.platform.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * One JSON object per line: {@code time} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message} and, when there is one, {@code exception} (class, message and
 * stack trace as text). A record whose only parameter is a {@code Map} (the gateway's access log)
 * has its entries as fields of their own — {@code request_id}, {@code key_id}, {@code team_id},
 * {@code outcome}, … — and the plain message. Records are masked before they get here
 * ({@link MaskedLogRecords}); the formatter masks the message and the stack trace again, so a key
 * in a value that was never a log parameter cannot reach the file either.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", record.getLevel().getName())
                .add("logger", String.valueOf(record.getLoggerName()))
                .add("thread", record.getLongThreadID());
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            json.add("message", Secrets.mask(plain(String.valueOf(record.getMessage()))));
            fields.forEach((k, v) -> json.add(String.valueOf(k), JsonTrees.of(v, Secrets::mask)));
        } else {
            json.add("message", Secrets.mask(String.valueOf(formatMessage(record))));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            json.add("exception", Secrets.mask(trace.toString()));
        }
        return json.build().toString() + System.lineSeparator();
    }

    /** The words before the first {@code key=value} of an access-log message ("gateway call request_id=…"). */
    private static String plain(String message) {
        int eq = message.indexOf('=');
        if (eq < 0) {
            return message;
        }
        int space = message.lastIndexOf(' ', eq);
        return space < 0 ? "" : message.substring(0, space);
    }
}
