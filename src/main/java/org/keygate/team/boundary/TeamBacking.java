package org.keygate.team.boundary;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.team.control.TeamPolicy;

/**
 * {@code /admin/teams/detail.xhtml?id=…}: a team's balance and ledger (top-ups and adjustments by an
 * ORG_ADMIN) and its defaults: rpm for keys without their own limit, time zone, working hours.
 */
@Named
@ViewScoped
public class TeamBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();
    private static final Map<String, String> SETTINGS = Map.of("name", "teamSettings:name", "default_rpm_limit",
            "teamSettings:rpm", "time_zone", "teamSettings:zone", "working_hours.days", "teamSettings:days",
            "working_hours.start", "teamSettings:start", "working_hours.end", "teamSettings:end", "billing",
            "teamSettings:billing");

    @Inject
    Teams teams;

    @Inject
    TeamPolicy policy;

    private String id;
    private TeamView team;
    private List<LedgerEntryView> ledger = List.of();
    private boolean ledgerVisible;

    private String name;
    private Integer defaultRpm;
    private String timeZone;
    private List<String> days = new ArrayList<>();
    private String start;
    private String end;
    private String billing;

    private BigDecimal amount;
    private String note;
    private String kind = "top_up";

    public void load() {
        if (id == null || id.isBlank()) {
            FacesActions.notFound(); // like the key and alert pages: no id, no team
            return;
        }
        team = FacesActions.load(() -> teams.get(id));
        if (team != null) {
            fill();
            loadLedger();
        }
    }

    private void fill() {
        name = team.name();
        defaultRpm = team.defaultRpmLimit();
        timeZone = team.timeZone();
        days = new ArrayList<>(team.workingHours().days());
        start = team.workingHours().start();
        end = team.workingHours().end();
        billing = team.billing();
    }

    private void loadLedger() {
        ledgerVisible = policy.mayReadLedger(id);
        ledger = ledgerVisible ? teams.ledger(id, new PageRequest(1, PageRequest.MAX_SIZE)).items() : List.of();
    }

    public void save() {
        TeamView saved = FacesActions.run(() -> teams.update(id, new UpdateTeamRequest(Optional.ofNullable(name),
                Optional.ofNullable(defaultRpm), Optional.ofNullable(timeZone),
                Optional.of(new WorkingHours(days, start, end)), Optional.ofNullable(billing))), SETTINGS);
        if (saved != null) {
            team = saved;
            fill();
            FacesActions.info("Team settings saved.");
        }
    }

    public void addEntry() {
        LedgerEntryView entry = FacesActions.run(() -> teams.addLedgerEntry(id, new LedgerRequest(amount, note, kind)),
                Map.of("amount", "ledgerForm:amount", "note", "ledgerForm:note", "kind", "ledgerForm:kind"));
        if (entry != null) {
            amount = null;
            note = null;
            team = teams.get(id);
            loadLedger();
            FacesActions.info("Ledger entry added; the balance is now " + team.balance().stripTrailingZeros().toPlainString() + " USD.");
        }
    }

    /** Whether {@link Teams#update} would accept a change: {@link TeamPolicy#mayChange}. */
    public boolean isCanEdit() {
        return policy.mayChange(id);
    }

    /** Whether {@link Teams#addLedgerEntry} would accept an entry: {@link TeamPolicy#mayBook}. */
    public boolean isCanTopUp() {
        return policy.mayBook();
    }

    public List<String> getZones() {
        return ZONES;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public TeamView getTeam() {
        return team;
    }

    public List<LedgerEntryView> getLedger() {
        return ledger;
    }

    public boolean isLedgerVisible() {
        return ledgerVisible;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getDefaultRpm() {
        return defaultRpm;
    }

    public void setDefaultRpm(Integer defaultRpm) {
        this.defaultRpm = defaultRpm;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public List<String> getDays() {
        return days;
    }

    public void setDays(List<String> days) {
        this.days = days;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public String getBilling() {
        return billing;
    }

    public void setBilling(String billing) {
        this.billing = billing;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }
}
