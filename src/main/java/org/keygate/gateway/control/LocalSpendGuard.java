package org.keygate.gateway.control;

import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * {@link SpendGuard} for one node. Each key day and each team account is a small object with its
 * own monitor; a reservation takes the key's, then the team's, never both at once and never
 * across I/O, and gives the key's back if the team refuses. Nothing is ever over-committed: a
 * reservation only succeeds if spent + reserved + amount stays within the cap and the balance.
 */
@ApplicationScoped
@Typed(LocalSpendGuard.class)
public class LocalSpendGuard implements SpendGuard {

    private final ConcurrentHashMap<String, KeyDay> days = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TeamAccount> teams = new ConcurrentHashMap<>();

    @Override
    public Reservation reserve(Budget budget, long amount, long now) {
        KeyDay day = day(budget, now);
        long dayEnd;
        synchronized (day) {
            day.roll(budget.zone(), now);
            dayEnd = day.end;
            if (budget.hasDailyLimit() && day.spent + day.reserved + amount > budget.dailyLimitMicros()) {
                long remaining = Math.max(0, budget.dailyLimitMicros() - day.spent - day.reserved);
                return new Reservation(budget, amount, dayEnd, Reservation.Outcome.DAILY_LIMIT,
                        budget.dailyLimitMicros(), remaining, day.end - now);
            }
            day.reserved += amount;
        }
        TeamAccount account = account(budget.teamId());
        synchronized (account) {
            if (budget.prepaid() && account.base - account.unflushed - account.reserved < amount) {
                synchronized (day) {
                    day.reserved -= amount;
                }
                return new Reservation(budget, amount, dayEnd, Reservation.Outcome.INSUFFICIENT_BALANCE, 0,
                        Math.max(0, account.base - account.unflushed - account.reserved), 0);
            }
            account.reserved += amount;
        }
        return new Reservation(budget, amount, dayEnd, Reservation.Outcome.OK, budget.dailyLimitMicros(), 0, 0);
    }

    @Override
    public void settle(Reservation r, long cost, long tokens, long now) {
        if (!r.end()) {
            return;
        }
        KeyDay day = day(r.budget, now);
        synchronized (day) {
            day.reserved -= r.amountMicros;
            day.roll(r.budget.zone(), now);
            if (day.end == r.dayEnd) {
                day.spent += cost;
                day.tokens += tokens;
            }
        }
        TeamAccount account = account(r.budget.teamId());
        synchronized (account) {
            account.reserved -= r.amountMicros;
            account.unflushed += cost;
        }
    }

    @Override
    public void release(Reservation r, long now) {
        settle(r, 0, 0, now);
    }

    @Override
    public void count(Budget budget, long now) {
        KeyDay day = day(budget, now);
        synchronized (day) {
            day.roll(budget.zone(), now);
            day.requests++;
        }
    }

    @Override
    public DayUsage today(Budget budget, long now) {
        KeyDay day = day(budget, now);
        synchronized (day) {
            day.roll(budget.zone(), now);
            return new DayUsage(day.requests, day.tokens, day.spent);
        }
    }

    @Override
    public long balance(String teamId) {
        TeamAccount account = account(teamId);
        synchronized (account) {
            return account.base - account.unflushed;
        }
    }

    @Override
    public boolean knowsTeam(String teamId) {
        return teams.containsKey(teamId);
    }

    @Override
    public void openTeam(String teamId, long ledgerBalance) {
        teams.computeIfAbsent(teamId, id -> new TeamAccount(ledgerBalance));
    }

    @Override
    public void ledgerReloaded(String teamId, long ledgerBalance) {
        TeamAccount account = teams.get(teamId);
        if (account != null) {
            synchronized (account) {
                account.base = ledgerBalance;
            }
        }
    }

    @Override
    public void ledgerDebited(String teamId, long amount) {
        TeamAccount account = teams.get(teamId);
        if (account == null) {
            return; // not opened yet (e.g. records of an earlier run written at start): opening reads the new balance
        }
        synchronized (account) {
            account.base -= amount;
            account.unflushed -= amount;
        }
    }

    @Override
    public boolean knowsKey(String keyId) {
        return days.containsKey(keyId);
    }

    @Override
    public void openKey(Budget budget, long now, DayUsage today) {
        days.computeIfAbsent(budget.keyId(), id -> {
            KeyDay day = new KeyDay();
            day.roll(budget.zone(), now);
            day.requests = today.requests();
            day.tokens = today.tokens();
            day.spent = today.costMicros();
            return day;
        });
    }

    private KeyDay day(Budget budget, long now) {
        KeyDay day = days.get(budget.keyId());
        return day != null ? day : days.computeIfAbsent(budget.keyId(), id -> {
            KeyDay fresh = new KeyDay();
            fresh.roll(budget.zone(), now);
            return fresh;
        });
    }

    private TeamAccount account(String teamId) {
        TeamAccount account = teams.get(teamId);
        return account != null ? account : teams.computeIfAbsent(teamId, id -> new TeamAccount(0));
    }

    /** One key's counters for the current day; guarded by its own monitor. */
    static final class KeyDay {
        ZoneId zone;
        long start;
        long end = Long.MIN_VALUE;
        long spent;
        long reserved;
        long requests;
        long tokens;

        /** Starts a new day when {@code now} has left the current one (or the team changed zone). */
        void roll(ZoneId zone, long now) {
            if (now >= start && now < end && zone.equals(this.zone)) {
                return;
            }
            boolean sameDayNewZone = !zone.equals(this.zone) && now >= start && now < end;
            long[] bounds = Day.bounds(zone, now);
            if (!sameDayNewZone) {
                spent = 0;
                requests = 0;
                tokens = 0;
            }
            this.zone = zone;
            start = bounds[0];
            end = bounds[1];
        }
    }

    /** One team's money: the ledger as last read, settled costs not yet written to it, and holds. */
    static final class TeamAccount {
        long base;
        long unflushed;
        long reserved;

        TeamAccount(long base) {
            this.base = base;
        }
    }
}
