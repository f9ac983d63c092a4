package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesWhatWouldSplitACellAndDefusesFormulas() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void rowsEndWithCrLfAndNumbersAndTimesAreWrittenAsThemselves() {
        String csv = Csv.withHeader("name", "n", "cost", "at", "none")
                .row("-5 looks like a formula", -5, new BigDecimal("1E-6"), Instant.parse("2026-11-28T10:00:00Z"), null)
                .toString();
        assertEquals("name,n,cost,at,none\r\n'-5 looks like a formula,-5,0.000001,2026-11-28T10:00:00Z,\r\n", csv);
    }
}
