package org.keygate.audit.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.access.boundary.Caller;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.LazyRows;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;

/**
 * {@code /admin/audit/list.xhtml}: the audit log, newest first, filtered in the database, and the
 * hash chain's verification (ORG_ADMIN and AUDITOR; anyone else gets the 404 page). "Export CSV"
 * links to {@link AuditExportServlet} with the filter last applied.
 */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditQueries audit;

    @Inject
    Caller caller;

    private String actor;
    private String action;
    private String targetType;
    private String targetId;
    private LocalDate from;
    private LocalDate to;
    private ChainVerification verification;
    /** One database page per table page, under the filters above. */
    private final LazyRows<AuditEntryView> rows = new LazyRows<>((page, sort) -> page(page),
            entry -> Long.toString(entry.seq()));

    /** f:viewAction, before anything is rendered: the page does not exist for other roles. */
    public void check() {
        if (!caller.readsEverything()) {
            FacesActions.notFound();
            return;
        }
        verify();
    }

    public void verify() {
        verification = FacesActions.run(() -> audit.verify(), Map.of());
    }

    private Page<AuditEntryView> page(PageRequest page) {
        return audit.list(blank(actor), blank(action), blank(targetType), blank(targetId), start(), end(), page);
    }

    private Instant start() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The "to" day is included: the range ends at the next midnight (UTC). */
    private Instant end() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The export link's {@code from}: the same bounds as the table, RFC 3339. */
    public String getFromParam() {
        return from == null ? "" : start().toString();
    }

    public String getToParam() {
        return to == null ? "" : end().toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public LazyRows<AuditEntryView> getRows() {
        return rows;
    }

    public ChainVerification getVerification() {
        return verification;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getTargetType() {
        return targetType;
    }

    public void setTargetType(String targetType) {
        this.targetType = targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public void setTargetId(String targetId) {
        this.targetId = targetId;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }
}
