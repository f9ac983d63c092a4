package org.keygate.platform.boundary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Display formats for the pages ({@code #{fmt.time(...)}}): UTC times, USD amounts, lists. */
@ApplicationScoped
@Named("fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** To the second, without the zone: for tables whose header says UTC. */
    public String seconds(Instant instant) {
        return instant == null ? "—" : SECONDS.format(instant);
    }

    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    /** "3 min ago", "2 h ago", "5 d ago"; "never" for null. */
    public String ago(Instant instant) {
        if (instant == null) {
            return "never";
        }
        Duration d = Duration.between(instant, Instant.now());
        if (d.isNegative()) {
            return "in " + human(d.negated());
        }
        return d.toSeconds() < 60 ? "just now" : human(d) + " ago";
    }

    private static String human(Duration d) {
        if (d.toMinutes() < 60) {
            return Math.max(1, d.toMinutes()) + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h";
        }
        return d.toDays() + " d";
    }

    /** "$12.50", with up to 6 decimals when they matter ("$0.000123"). */
    public String money(BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        BigDecimal scaled = amount.stripTrailingZeros();
        int scale = Math.max(2, Math.min(6, scaled.scale()));
        String text = amount.setScale(scale, RoundingMode.HALF_UP).abs().toPlainString();
        return (amount.signum() < 0 ? "−$" : "$") + text;
    }

    public String list(List<String> values) {
        return values == null || values.isEmpty() ? "any" : String.join(", ", values);
    }
}
