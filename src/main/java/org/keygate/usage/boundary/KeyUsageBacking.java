package org.keygate.usage.boundary;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.keygate.keys.boundary.KeyView;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.LazyRows;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/**
 * The usage section of {@code /admin/keys/detail.xhtml}: calls and spend per hour (last 48 h) or
 * per day (last 30 days) from the roll-ups, through the same {@link UsageQueries#aggregate} as
 * {@code GET /api/v1/usage/aggregates}; the key's recent calls, paged in the database by
 * {@link UsageRecords} and narrowed to a window; and the CSV link for that window. The page's
 * {@code KeyBacking} has already checked that the caller may see the key; the services check again.
 */
@Named
@ViewScoped
public class KeyUsageBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int HOURS = 48;
    private static final int DAYS = 30;
    private static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @Inject
    UsageQueries usage;

    @Inject
    UsageRecords records;

    private String keyId;
    private String granularity = "hour";
    private String chart;
    private long chartCalls;
    private BigDecimal chartSpend = BigDecimal.ZERO;
    private LocalDateTime from;
    private LocalDateTime to;
    /** The recent calls, newest first, within [from, to) when set; paged in the database. */
    private final LazyRows<UsageRecordView> calls = new LazyRows<>((page, sort) -> page(page),
            UsageRecordView::requestId);

    /** f:viewAction after the key's own: nothing to do when the key was not found. */
    public void load(KeyView key) {
        if (key == null) {
            return;
        }
        keyId = key.id();
        chart();
    }

    /** Switches the chart between hours and days. */
    public void chart() {
        boolean hourly = !"day".equals(granularity);
        UsageQueries.Series series = FacesActions.run(() -> usage.recent(keyId, hourly, hourly ? HOURS : DAYS), Map.of());
        if (series == null) {
            return;
        }
        Instant start = series.start();
        Instant end = series.end();
        List<UsageQueries.Bucket> rows = series.buckets();
        Map<Instant, UsageQueries.Bucket> byStart = new HashMap<>();
        for (UsageQueries.Bucket b : rows) {
            byStart.put(b.bucketStart(), b);
        }
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder callData = Json.createArrayBuilder();
        JsonArrayBuilder spendData = Json.createArrayBuilder();
        chartCalls = 0;
        chartSpend = BigDecimal.ZERO;
        ChronoUnit step = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        for (Instant t = start; t.isBefore(end); t = t.plus(1, step)) {
            UsageQueries.Bucket b = byStart.get(t);
            long n = b == null ? 0 : b.requests();
            BigDecimal cost = b == null ? BigDecimal.ZERO : b.costUsd();
            labels.add((hourly ? HOUR_LABEL : DAY_LABEL).format(t));
            callData.add(n);
            spendData.add(cost);
            chartCalls += n;
            chartSpend = chartSpend.add(cost);
        }
        chart = config(labels, callData, spendData).build().toString();
    }

    /** A Chart.js configuration: calls as bars on the left axis, spend as a line on the right one. */
    private static JsonObjectBuilder config(JsonArrayBuilder labels, JsonArrayBuilder callData,
            JsonArrayBuilder spendData) {
        return Json.createObjectBuilder().add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "bar").add("label", "Calls").add("data", callData)
                                .add("yAxisID", "calls").add("backgroundColor", "rgba(37, 99, 235, 0.55)"))
                        .add(Json.createObjectBuilder().add("type", "line").add("label", "Spend (USD)")
                                .add("data", spendData).add("yAxisID", "spend").add("borderColor", "#d97706")
                                .add("backgroundColor", "#d97706").add("pointRadius", 2))))
                .add("options", Json.createObjectBuilder().add("animation", false).add("maintainAspectRatio", false)
                        .add("interaction", Json.createObjectBuilder().add("mode", "index").add("intersect", false))
                        .add("scales", Json.createObjectBuilder()
                                .add("calls", Json.createObjectBuilder().add("type", "linear").add("position", "left")
                                        .add("beginAtZero", true)
                                        .add("ticks", Json.createObjectBuilder().add("precision", 0))
                                        .add("title", Json.createObjectBuilder().add("display", true).add("text", "calls")))
                                .add("spend", Json.createObjectBuilder().add("type", "linear").add("position", "right")
                                        .add("beginAtZero", true)
                                        .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))
                                        .add("title", Json.createObjectBuilder().add("display", true).add("text", "USD")))));
    }

    /** Applies the from/to window; a window that ends before it starts is shown next to "to". */
    public void filter() {
        if (page(new PageRequest(1, 1)) == null) {
            jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed();
        }
    }

    private Page<UsageRecordView> page(PageRequest page) {
        if (keyId == null) {
            return null;
        }
        return FacesActions.run(() -> records.ofKey(keyId, instant(from), instant(to), page),
                Map.of("to", "usageForm:to", "from", "usageForm:from"));
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** RFC 3339 bounds of the window for the CSV link (blank = open). */
    public String getFromParam() {
        return from == null ? "" : instant(from).toString();
    }

    public String getToParam() {
        return to == null ? "" : instant(to).toString();
    }

    public String getKeyId() {
        return keyId;
    }

    public String getChart() {
        return chart;
    }

    public long getChartCalls() {
        return chartCalls;
    }

    public BigDecimal getChartSpend() {
        return chartSpend;
    }

    public String getGranularity() {
        return granularity;
    }

    public void setGranularity(String granularity) {
        this.granularity = granularity;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public LazyRows<UsageRecordView> getCalls() {
        return calls;
    }
}
