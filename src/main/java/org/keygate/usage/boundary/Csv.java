package org.keygate.usage.boundary;

/**
 * RFC 4180 cells for the CSV exports. Text that a spreadsheet would run as a formula (leading
 * {@code = + - @}) is prefixed with an apostrophe, since key names and models are user input.
 */
final class Csv {

    private Csv() {
    }

    static String cell(String value) {
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
