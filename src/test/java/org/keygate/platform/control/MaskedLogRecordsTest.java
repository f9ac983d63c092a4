package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;

class MaskedLogRecordsTest {

    private static final String KEY = "ck-AbCd1234567890efghIJKLmnop";

    @Test
    void messageParametersAndEveryThrowableInTheChainLoseTheKeyButKeepItsPrefix() {
        IOException cause = new IOException("upstream refused " + KEY);
        IllegalStateException top = new IllegalStateException("call failed", cause);
        top.addSuppressed(new RuntimeException("while closing " + KEY));
        LogRecord record = new LogRecord(Level.WARNING, "key {0} of {1} failed: " + KEY);
        record.setParameters(new Object[] {KEY, 42});
        record.setThrown(top);

        MaskedLogRecords.mask(record);
        String out = new SimpleFormatter().format(record);

        assertFalse(out.contains("1234567890"), out);
        assertTrue(out.contains("ck-AbCd…"), out);
        assertTrue(out.contains("java.lang.IllegalStateException: call failed"), "the class name is kept: " + out);
        assertTrue(out.contains("java.io.IOException: upstream refused ck-AbCd…"), out);
        assertTrue(out.contains("while closing ck-AbCd…"), out);
        assertEquals(42, record.getParameters()[1]);
        assertEquals(top.getStackTrace().length, record.getThrown().getStackTrace().length, "same stack trace");
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains("1234567890"), trace.toString());
    }

    @Test
    void aRecordWithoutKeysIsLeftAlone() {
        Object[] parameters = {"ck-", 7};
        RuntimeException thrown = new RuntimeException("no key here");
        LogRecord record = new LogRecord(Level.INFO, "plain {0}");
        record.setParameters(parameters);
        record.setThrown(thrown);
        MaskedLogRecords.mask(record);
        assertEquals("plain {0}", record.getMessage());
        assertSame(parameters, record.getParameters());
        assertSame(thrown, record.getThrown());
    }

    @Test
    void aCauseCycleDoesNotLoop() {
        RuntimeException a = new RuntimeException("a " + KEY);
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        LogRecord record = new LogRecord(Level.SEVERE, "cycle");
        record.setThrown(b);
        MaskedLogRecords.mask(record);
        assertNotSame(b, record.getThrown());
        assertTrue(record.getThrown().getCause().toString().contains("ck-AbCd…"));
    }
}
