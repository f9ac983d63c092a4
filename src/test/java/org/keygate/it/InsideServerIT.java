package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.keygate.access.boundary.Caller;
import org.keygate.access.entity.OrgRole;
import org.keygate.audit.boundary.AuditQueries;
import org.keygate.audit.boundary.ChainVerification;
import org.keygate.keys.boundary.ApiKeys;
import org.keygate.keys.boundary.CreateKeyRequest;
import org.keygate.keys.boundary.DeactivateKeyRequest;
import org.keygate.keys.boundary.MintedKey;
import org.keygate.keys.boundary.RotateKeyRequest;
import org.keygate.keys.control.KeyMint;
import org.keygate.platform.boundary.Connections;
import org.keygate.platform.boundary.ProblemMapper;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.SqlDialect;

/**
 * Runs inside the server, for what a black-box client cannot see: the database and the logs hold
 * no plaintext key (docs/gateway.md), and an unexpected error reaches the client without internals.
 */
class InsideServerIT extends OwnDeployment {

    @Deployment
    static WebArchive deployment() {
        return Deployments.keygate().addClass(OwnDeployment.class);
    }

    @Inject
    Caller caller;

    @Inject
    ApiKeys keys;

    @Inject
    AuditQueries audit;

    @Inject
    Connections connections;

    @Test
    void unexpectedErrorsAnswerAGenericProblemWithACorrelationId() {
        jakarta.ws.rs.core.Response r = new ProblemMapper().toResponse(
                new IllegalStateException("db password is hunter2, key ck-secretsecret"));
        String body = (String) r.getEntity();
        assertEquals(500, r.getStatus());
        assertEquals("application/problem+json", r.getMediaType().toString());
        assertFalse(body.contains("hunter2") || body.contains("ck-secret") || body.contains("IllegalState"), body);
        assertTrue(body.contains("\"correlation_id\""), body);

        jakarta.ws.rs.core.Response wrapped = new ProblemMapper().toResponse(
                new jakarta.ejb.EJBException(new InvalidInput("name", "is required")));
        assertEquals(400, wrapped.getStatus(), "a typed error inside an EJBException keeps its status");
    }

    @Test
    void plaintextKeysAreNeverStoredNorLogged() throws SQLException {
        Capture capture = new Capture(record -> {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    text.append(' ').append(p);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            return text.toString();
        });
        List<String> logged = capture.lines;
        capture.setLevel(Level.ALL);
        // every record the server publishes at its normal levels, and everything Keygate logs at any level
        // (root at ALL would make Payara's own FINEST tracing recurse)
        Logger root = Logger.getLogger("");
        Logger app = Logger.getLogger("org.keygate");
        Level before = app.getLevel();
        root.addHandler(capture);
        app.setLevel(Level.ALL);
        List<String> plaintexts = new ArrayList<>();
        try {
            String adminId = adminId();
            String teamId = defaultTeamId();
            caller.authenticate(adminId, "admin", OrgRole.ORG_ADMIN, Map.of(), "127.0.0.1");
            for (int i = 0; i < 3; i++) {
                MintedKey minted = keys.create(new CreateKeyRequest(teamId, null, "scan-" + i, "production", null,
                        List.of(), List.of(), null, null, null), "scan-" + i + "-" + System.nanoTime());
                plaintexts.add(minted.key());
                MintedKey successor = keys.rotate(minted.view().id(), new RotateKeyRequest(0L), null);
                plaintexts.add(successor.key());
                keys.deactivate(successor.view().id(), new DeactivateKeyRequest("scan"));
            }
            try {
                keys.create(new CreateKeyRequest(teamId, null, "bad", null, null, List.of("no good"), List.of(), null,
                        null, null), null);
            } catch (InvalidInput expected) {
                // a refused request must not leak anything either
            }
        } finally {
            root.removeHandler(capture);
            app.setLevel(before);
        }
        for (String key : plaintexts) {
            assertTrue(KeyMint.isWellFormed(key));
        }

        List<String> cells = everyCell();
        assertTrue(cells.size() > 100, "the scan saw the data: " + cells.size() + " cells");
        for (String key : plaintexts) {
            String body = key.substring(3);
            for (String cell : cells) {
                assertFalse(cell.contains(body), "a database column holds a plaintext key");
            }
            assertEquals(1, cells.stream().filter(KeyMint.hash(key)::equals).count(), "the hash is stored once");
            for (String line : logged) {
                assertFalse(line.contains(body), "a log record holds a plaintext key: " + line);
            }
        }
    }

    /**
     * One masking handler for all of Keygate's loggers, installed at start: a record that carries a
     * key in its message, a parameter and a throwable's cause reaches the server's handlers (a
     * capture at the root logger, where they sit) and, on WildFly, its server.log with the key's
     * prefix only.
     */
    @Test
    void everyLoggerOfTheApplicationMasksKeysInMessagesParametersAndThrowables() throws Exception {
        String key = new KeyMint().mint();
        String secretPart = key.substring(10);
        String marker = "masking-probe-" + System.nanoTime();
        java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();
        Capture capture = new Capture(format::format);
        List<String> seen = capture.lines;
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Logger.getLogger("org.keygate.keys.boundary.ApiKeys").log(Level.WARNING, marker + " {0} " + key,
                    new RuntimeException("wrapped", new java.io.IOException("refused " + key)));
            Logger.getLogger("org.keygate.gateway.boundary.UpstreamRelay").log(Level.SEVERE, marker + " param {0}", key);
        } finally {
            root.removeHandler(capture);
        }
        List<String> probes = seen.stream().filter(line -> line.contains(marker)).toList();
        assertEquals(2, probes.size(), "both records reached the root handlers: " + seen);
        for (String line : probes) {
            assertFalse(line.contains(secretPart), "a key reached a handler: " + line);
            assertTrue(line.contains(KeyMint.prefixOf(key) + "…"), "the prefix is kept: " + line);
        }
        assertTrue(probes.get(0).contains("java.io.IOException: refused " + KeyMint.prefixOf(key) + "…"), probes.get(0));
        String logDir = System.getProperty("jboss.server.log.dir");
        if (logDir != null) {
            java.nio.file.Path file = java.nio.file.Path.of(logDir, "server.log");
            for (Handler h : Logger.getLogger("").getHandlers()) {
                h.flush(); // WildFly's file handler writes at once; flushing makes sure (no Awaitility in the container)
            }
            String text = java.nio.file.Files.readString(file);
            assertTrue(text.contains(marker + " param"), "the probe reached " + file);
            assertFalse(text.contains(secretPart), "server.log holds a key");
        }
    }

    /**
     * The chain's detector, against edits made straight in the database: one entry's {@code after}
     * changed, an entry in the middle deleted, the newest entry deleted. Each time {@code verify}
     * names the first broken entry; each row is put back as it was, and the chain is whole again.
     */
    @Test
    void theAuditVerifierNamesTheFirstEntryEditedOrDeletedInTheDatabase() throws SQLException {
        caller.authenticate(adminId(), "admin", OrgRole.ORG_ADMIN, Map.of(), "127.0.0.1");
        String teamId = defaultTeamId();
        for (int i = 0; i < 3; i++) {
            MintedKey minted = keys.create(new CreateKeyRequest(teamId, null, "chain-" + i, null, null, List.of(),
                    List.of(), null, null, null), null);
            keys.deactivate(minted.view().id(), new DeactivateKeyRequest("chain test"));
        }
        ChainVerification intact = audit.verify();
        assertTrue(intact.valid(), "the chain is whole before the edits: " + intact);
        long last = intact.entriesChecked();
        long middle = last - 2;

        Map<String, Object> row = auditRow(middle);
        update("UPDATE audit_entry SET after_json = '{\"status\":\"ACTIVE\"}' WHERE seq = " + middle);
        try {
            assertBrokenAt(middle, "content does not match");
        } finally {
            putBack(row);
        }
        assertTrue(audit.verify().valid(), "the original value makes it whole again");

        update("DELETE FROM audit_entry WHERE seq = " + middle);
        try {
            assertBrokenAt(middle, "is missing");
        } finally {
            putBack(row);
        }

        Map<String, Object> newest = auditRow(last);
        update("DELETE FROM audit_entry WHERE seq = " + last);
        try {
            assertBrokenAt(last, "missing");
        } finally {
            putBack(newest);
        }
        assertTrue(audit.verify().valid(), "every row is back: " + audit.verify());
    }

    private void assertBrokenAt(long seq, String problem) {
        ChainVerification v = audit.verify();
        assertFalse(v.valid(), "the edit is detected: " + v);
        assertEquals(seq, v.firstBrokenSeq(), "the first broken entry is named: " + v);
        assertTrue(v.problem().contains(problem), v.problem());
    }

    private Map<String, Object> auditRow(long seq) throws SQLException {
        try (Connection c = connections.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM audit_entry WHERE seq = " + seq)) {
            assertTrue(rs.next(), "audit entry " + seq);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
            }
            return row;
        }
    }

    /** Deletes the row's entry if it is there and inserts it again with every column as it was. */
    private void putBack(Map<String, Object> row) throws SQLException {
        update("DELETE FROM audit_entry WHERE seq = " + row.values().stream().findFirst().orElseThrow());
        String columns = String.join(", ", row.keySet());
        String marks = String.join(", ", java.util.Collections.nCopies(row.size(), "?"));
        try (Connection c = connections.dataSource().getConnection();
                java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entry (" + columns
                        + ") VALUES (" + marks + ")")) {
            int i = 1;
            for (Object value : row.values()) {
                insert.setObject(i++, value);
            }
            assertEquals(1, insert.executeUpdate());
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection c = connections.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Keeps every record it is given, as the text {@code render} makes of it. */
    private static final class Capture extends Handler {

        final List<String> lines = new CopyOnWriteArrayList<>();
        private final java.util.function.Function<LogRecord, String> render;

        Capture(java.util.function.Function<LogRecord, String> render) {
            this.render = render;
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(render.apply(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private List<String> everyCell() throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Connection c = connections.dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            // H2 folds unquoted names to upper case, PostgreSQL to lower case
            String schema = SqlDialect.of(c) == SqlDialect.POSTGRESQL ? "public" : "PUBLIC";
            try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            List<String> names = tables.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
            assertTrue(names.contains("API_KEY") && names.contains("AUDIT_ENTRY"), "tables: " + tables);
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String v = rs.getString(i);
                            if (v != null) {
                                cells.add(v);
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    private String adminId() throws SQLException {
        return single("SELECT id FROM member WHERE username = 'admin'");
    }

    private String defaultTeamId() throws SQLException {
        return single("SELECT id FROM team WHERE name = 'Default'");
    }

    private String single(String sql) throws SQLException {
        try (Connection c = connections.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
