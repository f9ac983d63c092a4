package org.keygate.platform.control;

import java.util.List;

/**
 * RFC 4180 CSV for the exports (usage records and aggregates, the audit log), shared by the API's
 * {@code format=csv} and the pages' download links so both answer the same bytes. Text that a
 * spreadsheet would run as a formula (leading {@code = + - @}) is prefixed with an apostrophe,
 * since key names, models and audit actors are user input.
 */
public final class Csv {

    /** The media type of every export. */
    public static final String MEDIA_TYPE = "text/csv";

    private final StringBuilder out = new StringBuilder();

    private Csv(List<String> header) {
        row(header.toArray());
    }

    public static Csv withHeader(String... header) {
        return new Csv(List.of(header));
    }

    /** Appends one row; strings are quoted and defused as needed; numbers and times (never user input) as they are. */
    public Csv row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values[i];
            out.append(v instanceof String s ? cell(s) : v instanceof java.math.BigDecimal d ? d.toPlainString()
                    : v == null ? "" : v.toString());
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
