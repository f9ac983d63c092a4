package org.keygate.platform.boundary;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the current version with the SQL files in {@code db/migration} before
 * anything else uses the database; the web context opens only after startup beans finish, so no
 * request sees an old schema. Bean-managed transactions: Flyway manages its own.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Migrator {

    private static final Logger LOG = Logger.getLogger(Migrator.class.getName());

    /** The first startup bean (every other one depends on this one) installs the log masking first. */
    @EJB
    LogMasking masking;

    @Inject
    Connections connections;

    private volatile String schemaVersion;

    /** The schema version this node migrated to (or found) at start. */
    @jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
    public String schemaVersion() {
        return schemaVersion;
    }

    @PostConstruct
    void migrate() {
        masking.install();
        MigrateResult result = Flyway.configure(Migrator.class.getClassLoader())
                .dataSource(connections.dataSource())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "database schema at version " + schemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
