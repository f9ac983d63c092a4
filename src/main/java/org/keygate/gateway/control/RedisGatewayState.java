package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.keygate.platform.control.Redis;
import org.keygate.platform.control.SharedStateUnavailable;

/**
 * The gateway's state shared by several nodes, in Redis: rpm windows, key days and team balances
 * with their reservations, the known key hashes and the change generations. A call's checks are
 * one script ({@link #admit}), one round trip; settling or releasing and counting a call are a
 * second script ({@link #FINISH}) sent without waiting. Key layout and TTLs: {@code docs/production.md}.
 *
 * <p>Reservations carry a deadline ({@code reservationTtlMillis}); the admit script drops the
 * ones past it, so a node that dies holding money blocks it for that long at most.
 */
public final class RedisGatewayState implements RateLimiter, SpendGuard, CallAdmission, KnownKeys, Generations {

    private static final Logger LOG = Logger.getLogger(RedisGatewayState.class.getName());
    private static final long WINDOW = SlidingWindow.WINDOW_MILLIS;
    private static final long DAY_GRACE = 86_400_000L;

    /**
     * KEYS: rpm window, key generation, team generation, catalogue generation, key day, key day
     * reservations, team account, team reservations. ARGV: now, the three generations expected,
     * rpm limit (-1: none), call id, amount, spend mode (n/p/r), daily cap (-1: none), prepaid
     * (1/0), reservation deadline, day expiry, check generations (1/0).
     * Answers {1, key gen, team gen, catalogue gen} (stale or not opened: nothing counted) or
     * {0, rate allowed, remaining, reset ms, spend outcome (0 ok, 1 daily cap, 2 balance), micros left}.
     */
    static final Redis.Script ADMIT = new Redis.Script("admit", """
            local now = tonumber(ARGV[1])
            local kg = redis.call('GET', KEYS[2]) or '0'
            local tg = redis.call('GET', KEYS[3]) or '0'
            local cg = redis.call('GET', KEYS[4]) or '0'
            local mode = ARGV[8]
            if ARGV[13] == '1' and (kg ~= ARGV[2] or tg ~= ARGV[3] or cg ~= ARGV[4]) then
              return {1, kg, tg, cg}
            end
            if mode ~= 'n' and (redis.call('HEXISTS', KEYS[5], 'open') == 0
                or redis.call('HEXISTS', KEYS[7], 'base') == 0) then
              return {1, kg, tg, cg}
            end
            local limit = tonumber(ARGV[5])
            local remaining, reset = -1, 0
            if limit >= 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
              local count = redis.call('ZCARD', KEYS[1])
              local allowed = count < limit
              if allowed then
                redis.call('ZADD', KEYS[1], now, ARGV[6])
                redis.call('PEXPIRE', KEYS[1], 60000)
                count = count + 1
              end
              remaining = limit - count
              if remaining < 0 then remaining = 0 end
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              if #oldest > 0 then
                reset = tonumber(oldest[2]) + 60000 - now
                if reset < 0 then reset = 0 end
              end
              if not allowed then return {0, 0, remaining, reset, 0, 0} end
            end
            if mode ~= 'n' then
              local amount = tonumber(ARGV[7])
              local function expire(z, h)
                local old = redis.call('ZRANGEBYSCORE', z, '-inf', now)
                if #old > 0 then
                  local sum = 0
                  for _, m in ipairs(old) do sum = sum + tonumber(string.match(m, ':(%d+)$')) end
                  redis.call('ZREMRANGEBYSCORE', z, '-inf', now)
                  redis.call('HINCRBY', h, 'reserved', -sum)
                end
              end
              expire(KEYS[6], KEYS[5])
              expire(KEYS[8], KEYS[7])
              local d = redis.call('HMGET', KEYS[5], 'spent', 'reserved')
              local spent = tonumber(d[1]) or 0
              local held = tonumber(d[2]) or 0
              local cap = tonumber(ARGV[9])
              if cap >= 0 and spent + held + amount > cap then
                local left = cap - spent - held
                if left < 0 then left = 0 end
                return {0, 1, remaining, reset, 1, left}
              end
              if ARGV[10] == '1' then
                local t = redis.call('HMGET', KEYS[7], 'base', 'unflushed', 'reserved')
                local avail = (tonumber(t[1]) or 0) - (tonumber(t[2]) or 0) - (tonumber(t[3]) or 0)
                if avail < amount then
                  if avail < 0 then avail = 0 end
                  return {0, 1, remaining, reset, 2, avail}
                end
              end
              if mode == 'r' then
                local member = ARGV[6] .. ':' .. ARGV[7]
                redis.call('ZADD', KEYS[6], ARGV[11], member)
                redis.call('HINCRBY', KEYS[5], 'reserved', amount)
                redis.call('PEXPIREAT', KEYS[6], ARGV[12])
                redis.call('ZADD', KEYS[8], ARGV[11], member)
                redis.call('HINCRBY', KEYS[7], 'reserved', amount)
              end
            end
            return {0, 1, remaining, reset, 0, 0}
            """);

    /**
     * Ends a call. KEYS: key day of the reservation, its reservations, team account, its
     * reservations, key day of now (the call is counted there). ARGV: member ('' when the call
     * held nothing), amount, cost, tokens, count (1/0).
     */
    static final Redis.Script FINISH = new Redis.Script("finish", """
            if ARGV[1] ~= '' then
              local amount = tonumber(ARGV[2])
              if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then redis.call('HINCRBY', KEYS[1], 'reserved', -amount) end
              if redis.call('ZREM', KEYS[4], ARGV[1]) == 1 then redis.call('HINCRBY', KEYS[3], 'reserved', -amount) end
              if redis.call('HEXISTS', KEYS[1], 'open') == 1 then
                if ARGV[3] ~= '0' then redis.call('HINCRBY', KEYS[1], 'spent', ARGV[3]) end
                if ARGV[4] ~= '0' then redis.call('HINCRBY', KEYS[1], 'tokens', ARGV[4]) end
              end
              if ARGV[3] ~= '0' and redis.call('HEXISTS', KEYS[3], 'base') == 1 then
                redis.call('HINCRBY', KEYS[3], 'unflushed', ARGV[3])
              end
            end
            if ARGV[5] == '1' and redis.call('HEXISTS', KEYS[5], 'open') == 1 then
              redis.call('HINCRBY', KEYS[5], 'requests', 1)
            end
            return {1}
            """);

    static final Redis.Script PEEK = new Redis.Script("peek", """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - 60000)
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            local reset = 0
            if #oldest > 0 then reset = tonumber(oldest[2]) + 60000 - tonumber(ARGV[1]) end
            return {redis.call('ZCARD', KEYS[1]), reset}
            """);

    /** The first node to open a key day sets it from the database; later ones change nothing. */
    static final Redis.Script OPEN_DAY = new Redis.Script("open_day", """
            if redis.call('HSETNX', KEYS[1], 'open', '1') == 1 then
              redis.call('HSET', KEYS[1], 'requests', ARGV[1], 'tokens', ARGV[2], 'spent', ARGV[3])
              redis.call('PEXPIREAT', KEYS[1], ARGV[4])
            end
            return {1}
            """);

    static final Redis.Script OPEN_TEAM = new Redis.Script("open_team", """
            redis.call('HSETNX', KEYS[1], 'base', ARGV[1])
            return {1}
            """);

    static final Redis.Script RELOAD_TEAM = new Redis.Script("reload_team", """
            redis.call('HSET', KEYS[1], 'base', ARGV[1])
            return {1}
            """);

    static final Redis.Script DEBIT_TEAM = new Redis.Script("debit_team", """
            if redis.call('HEXISTS', KEYS[1], 'base') == 1 then
              redis.call('HINCRBY', KEYS[1], 'base', -tonumber(ARGV[1]))
              redis.call('HINCRBY', KEYS[1], 'unflushed', -tonumber(ARGV[1]))
            end
            return {1}
            """);

    static final Redis.Script READ_HASH = new Redis.Script("read_hash", """
            return redis.call('HMGET', KEYS[1], unpack(ARGV))
            """);

    static final Redis.Script READ_STRINGS = new Redis.Script("read_strings", """
            local out = {}
            for i, k in ipairs(KEYS) do out[i] = redis.call('GET', k) or '0' end
            return out
            """);

    static final Redis.Script BUMP = new Redis.Script("bump", """
            redis.call('INCR', KEYS[1])
            if ARGV[1] then redis.call('SADD', KEYS[2], ARGV[1]) end
            return {1}
            """);

    static final Redis.Script SADD = new Redis.Script("sadd", """
            redis.call('SADD', KEYS[1], unpack(ARGV))
            return {1}
            """);

    /** Answers {member?, set filled?}: a set without its mark was lost (Redis restarted empty) and must be refilled. */
    static final Redis.Script SISMEMBER = new Redis.Script("sismember", """
            return {redis.call('SISMEMBER', KEYS[1], ARGV[1]), redis.call('EXISTS', KEYS[2])}
            """);

    static final Redis.Script MARK = new Redis.Script("mark", """
            redis.call('SET', KEYS[1], '1')
            return {1}
            """);

    private final Redis redis;
    private final long reservationTtl;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong calls = new AtomicLong();
    private final Set<String> knownHere = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String[]> pendingBumps = new ConcurrentLinkedQueue<>();
    private final String knownKey;
    private final String catalogKey;

    public RedisGatewayState(Redis redis, long reservationTtlMillis) {
        this.redis = redis;
        this.reservationTtl = reservationTtlMillis;
        this.knownKey = redis.key("known");
        this.catalogKey = redis.key("gen:catalog");
    }

    // ---- one call's checks ---------------------------------------------------------------------

    @Override
    public Verdict admit(GatewayKey key, String catalogGeneration, long amount, Spend mode, long now) {
        flushPendingBumps();
        Stamp stamp = key.stamp();
        return run(key.id(), key.budget(), key.rpmLimit(), amount, mode, now, true, stamp.hash(),
                stamp.keyGeneration(), stamp.teamGeneration(), catalogGeneration);
    }

    @Override
    public RateDecision acquire(String keyId, int limit, long now) {
        return run(keyId, null, limit, 0, Spend.NONE, now, false, "", "", "", "").rate();
    }

    @Override
    public RateDecision peek(String keyId, int limit, long now) {
        List<Object> r = redis.eval(PEEK, new String[] {redis.key("rpm:" + keyId)}, Long.toString(now));
        long count = num(r, 0);
        return new RateDecision(count < limit, limit, (int) Math.max(0, limit - count), Math.max(0, num(r, 1)));
    }

    @Override
    public Reservation reserve(Budget budget, long amount, long now) {
        return run(budget.keyId(), budget, -1, amount, Spend.RESERVE, now, false, "", "", "", "").reservation();
    }

    private Verdict run(String keyId, Budget budget, int limit, long amount, Spend mode, long now, boolean checkGenerations,
            String hash, String keyGen, String teamGen, String catalogGen) {
        long dayStart = 0;
        long dayEnd = 0;
        String teamId = budget == null ? "-" : budget.teamId();
        if (mode != Spend.NONE) {
            long[] bounds = Day.bounds(budget.zone(), now);
            dayStart = bounds[0];
            dayEnd = bounds[1];
        }
        String id = node + "-" + calls.incrementAndGet();
        String[] keys = {redis.key("rpm:" + keyId), redis.key("gen:key:" + hash), redis.key("gen:team:" + teamId),
            catalogKey, dayKey(keyId, dayStart), dayReservations(keyId, dayStart), teamKey(teamId),
            teamReservations(teamId)};
        List<Object> r = redis.eval(ADMIT, keys, Long.toString(now), String.valueOf(keyGen), String.valueOf(teamGen),
                String.valueOf(catalogGen), Integer.toString(limit), id, Long.toString(amount),
                mode == Spend.NONE ? "n" : mode == Spend.PROBE ? "p" : "r",
                budget == null ? "-1" : Long.toString(budget.dailyLimitMicros()),
                budget != null && budget.prepaid() ? "1" : "0", Long.toString(now + reservationTtl),
                Long.toString(dayEnd + DAY_GRACE), checkGenerations ? "1" : "0");
        if (num(r, 0) == 1) {
            return Verdict.stale((String) r.get(1), (String) r.get(2), (String) r.get(3));
        }
        boolean allowed = num(r, 1) == 1;
        long remaining = num(r, 2);
        RateDecision rate = new RateDecision(allowed, limit, (int) Math.max(0, remaining), num(r, 3));
        if (!allowed || mode == Spend.NONE) {
            return Verdict.of(rate, null);
        }
        long left = num(r, 5);
        Reservation reservation = switch ((int) num(r, 4)) {
            case 1 -> new Reservation(budget, amount, dayStart, dayEnd, null, Reservation.Outcome.DAILY_LIMIT,
                    budget.dailyLimitMicros(), left, dayEnd - now);
            case 2 -> new Reservation(budget, amount, dayStart, dayEnd, null, Reservation.Outcome.INSUFFICIENT_BALANCE, 0,
                    left, 0);
            default -> new Reservation(budget, amount, dayStart, dayEnd, mode == Spend.RESERVE ? id + ":" + amount : null,
                    Reservation.Outcome.OK, budget.dailyLimitMicros(), 0, 0);
        };
        if (mode == Spend.PROBE) {
            reservation.end(); // nothing was held
        }
        return Verdict.of(rate, reservation);
    }

    // ---- after the call --------------------------------------------------------------------------

    @Override
    public void settle(Reservation r, long cost, long tokens, long now) {
        end(r.budget, r, cost, tokens, now, false);
    }

    @Override
    public void release(Reservation r, long now) {
        end(r.budget, r, 0, 0, now, false);
    }

    @Override
    public void count(Budget budget, long now) {
        end(budget, null, 0, 0, now, true);
    }

    /** Settling and counting a call are one script, sent without waiting. */
    @Override
    public void finish(Budget budget, Reservation r, long cost, long tokens, long now) {
        end(budget, r, cost, tokens, now, true);
    }

    private void end(Budget budget, Reservation r, long cost, long tokens, long now, boolean count) {
        boolean settles = r != null && r.end();
        if (!settles && !count) {
            return;
        }
        String keyId = budget.keyId();
        String teamId = budget.teamId();
        long reservedDay = settles ? r.dayStart : 0;
        String countDay = dayKey(keyId, Day.bounds(budget.zone(), now)[0]);
        String[] keys = {settles ? dayKey(keyId, reservedDay) : countDay, dayReservations(keyId, reservedDay),
            teamKey(teamId), teamReservations(teamId), countDay};
        String[] args = {settles ? r.token : "", settles ? Long.toString(r.amountMicros) : "0", Long.toString(cost),
            Long.toString(tokens), count ? "1" : "0"};
        if (settles) {
            sendReliably(FINISH, keys, args, 3, "settling a reservation of key " + keyId + " (cost " + cost + " micro-USD)");
        } else {
            redis.evalAsync(FINISH, keys, args).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.log(Level.FINE, "a call of key " + keyId + " was not counted in Redis", e);
                }
            });
        }
    }

    /** Sends without waiting; a failure is retried, and logged as lost only when every attempt failed. */
    private void sendReliably(Redis.Script script, String[] keys, String[] args, int attempts, String what) {
        redis.evalAsync(script, keys, args).whenComplete((v, e) -> {
            if (e == null) {
                return;
            }
            if (attempts > 1) {
                sendReliably(script, keys, args, attempts - 1, what);
            } else {
                LOG.log(Level.SEVERE, "Redis unreachable: " + what + " was lost; a held amount frees at its deadline", e);
            }
        });
    }

    @Override
    public DayUsage today(Budget budget, long now) {
        long start = Day.bounds(budget.zone(), now)[0];
        List<Object> r = redis.eval(READ_HASH, new String[] {dayKey(budget.keyId(), start)}, "requests", "tokens", "spent");
        return new DayUsage(num(r, 0), num(r, 1), num(r, 2));
    }

    @Override
    public long balance(String teamId) {
        List<Object> r = redis.eval(READ_HASH, new String[] {teamKey(teamId)}, "base", "unflushed");
        return num(r, 0) - num(r, 1);
    }

    /** Always "not yet": every load opens (idempotently), which is how a node learns a missing counter. */
    @Override
    public boolean knowsTeam(String teamId) {
        return false;
    }

    @Override
    public void openTeam(String teamId, long ledgerBalance) {
        redis.eval(OPEN_TEAM, new String[] {teamKey(teamId)}, Long.toString(ledgerBalance));
    }

    @Override
    public void ledgerReloaded(String teamId, long ledgerBalance) {
        redis.eval(RELOAD_TEAM, new String[] {teamKey(teamId)}, Long.toString(ledgerBalance));
    }

    @Override
    public void ledgerDebited(String teamId, long amount) {
        sendReliably(DEBIT_TEAM, new String[] {teamKey(teamId)}, new String[] {Long.toString(amount)}, 3,
                "a ledger debit of team " + teamId + " (" + amount + " micro-USD)");
    }

    @Override
    public boolean knowsKey(String keyId) {
        return false;
    }

    @Override
    public void openKey(Budget budget, long now, DayUsage today) {
        long[] bounds = Day.bounds(budget.zone(), now);
        redis.eval(OPEN_DAY, new String[] {dayKey(budget.keyId(), bounds[0])}, Long.toString(today.requests()),
                Long.toString(today.tokens()), Long.toString(today.costMicros()), Long.toString(bounds[1] + DAY_GRACE));
    }

    // ---- known hashes ----------------------------------------------------------------------------

    @Override
    public boolean contains(String hash) {
        if (knownHere.contains(hash)) {
            return true;
        }
        List<Object> r = redis.eval(SISMEMBER, new String[] {knownKey, knownKey + ":filled"}, hash);
        if (num(r, 0) == 1) {
            knownHere.add(hash);
            return true;
        }
        if (num(r, 1) == 0) {
            throw new KnownKeys.NotFilled();
        }
        return false;
    }

    /** Here only: the shared set is added to by {@link #keyChanged}, with the generation. */
    @Override
    public void add(String hash) {
        knownHere.add(hash);
    }

    /** Every hash stored, into the shared set (SADD: every node may do it at start). */
    @Override
    public void addAll(Collection<String> hashes) {
        List<String> chunk = new ArrayList<>(1000);
        for (String hash : hashes) {
            chunk.add(hash);
            if (chunk.size() == 1000) {
                redis.eval(SADD, new String[] {knownKey}, chunk.toArray(String[]::new));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            redis.eval(SADD, new String[] {knownKey}, chunk.toArray(String[]::new));
        }
        redis.eval(MARK, new String[] {knownKey + ":filled"});
        knownHere.addAll(hashes);
    }

    @Override
    public int size() {
        return knownHere.size();
    }

    // ---- generations -----------------------------------------------------------------------------

    @Override
    public Stamp stamp(String hash, String teamId) {
        try {
            List<Object> r = redis.eval(READ_STRINGS, new String[] {redis.key("gen:key:" + hash),
                redis.key("gen:team:" + teamId)});
            return new Stamp(hash, (String) r.get(0), (String) r.get(1));
        } catch (SharedStateUnavailable e) {
            return new Stamp(hash, Stamp.UNKNOWN, Stamp.UNKNOWN);
        }
    }

    @Override
    public String catalog() {
        try {
            return (String) redis.<List<Object>>eval(READ_STRINGS, new String[] {catalogKey}).get(0);
        } catch (SharedStateUnavailable e) {
            return Stamp.UNKNOWN;
        }
    }

    /** A key was created or changed: its generation moves on and its hash is known to every node. */
    public void keyChanged(String hash) {
        knownHere.add(hash);
        bump(new String[] {redis.key("gen:key:" + hash), knownKey, hash});
    }

    public void teamChanged(String teamId) {
        bump(new String[] {redis.key("gen:team:" + teamId), knownKey});
    }

    public void catalogChanged() {
        bump(new String[] {catalogKey, knownKey});
    }

    /**
     * Waits for Redis (the admin's call returns after the change is visible to every node). If
     * Redis is unreachable, this node keeps the bump and sends it before its next check; the
     * other nodes refuse every call meanwhile anyway, since they cannot reach Redis either.
     */
    private void bump(String[] keysAndMember) {
        try {
            sendBump(keysAndMember);
        } catch (SharedStateUnavailable e) {
            LOG.warning(() -> "Redis unreachable (" + e.getMessage() + "): the change of " + keysAndMember[0]
                    + " is kept and sent before this node's next check");
            pendingBumps.add(keysAndMember);
        }
    }

    private void sendBump(String[] keysAndMember) {
        String[] keys = {keysAndMember[0], keysAndMember[1]};
        String[] args = keysAndMember.length > 2 ? new String[] {keysAndMember[2]} : new String[0];
        redis.eval(BUMP, keys, args);
    }

    private void flushPendingBumps() {
        String[] next;
        while ((next = pendingBumps.peek()) != null) {
            sendBump(next); // throws while Redis is away: the call fails closed, the bump stays queued
            pendingBumps.remove(next);
        }
    }

    // ---- names -----------------------------------------------------------------------------------

    private String dayKey(String keyId, long dayStart) {
        return redis.key("day:" + keyId + ":" + dayStart);
    }

    private String dayReservations(String keyId, long dayStart) {
        return redis.key("dres:" + keyId + ":" + dayStart);
    }

    private String teamKey(String teamId) {
        return redis.key("team:" + teamId);
    }

    private String teamReservations(String teamId) {
        return redis.key("tres:" + teamId);
    }

    private static long num(List<Object> r, int i) {
        Object v = r.get(i);
        if (v == null) {
            return 0;
        }
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
    }
}
