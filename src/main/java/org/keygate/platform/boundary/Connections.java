package org.keygate.platform.boundary;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.keygate.platform.control.CountingDataSource;

/**
 * The one way into the database: the datasource {@link Datasources} names, counted, the very
 * instance EclipseLink takes its connections from, so that Flyway, the usage writer and the health
 * check take theirs where EclipseLink's are counted too. Its series in {@code /metrics}:
 * {@code keygate_db_connections_active}, the histogram {@code keygate_db_connection_acquire_seconds}
 * (its count is the connections taken) and {@code keygate_db_connection_acquire_failures_total}.
 * The pool's configured size is not among them: a {@link DataSource} does not tell it, and each
 * server keeps it in its own management model (docs/production.md, Metrics).
 */
@ApplicationScoped
public class Connections {

    @Inject
    Metrics metrics;

    @PersistenceUnit
    EntityManagerFactory persistence;

    private CountingDataSource dataSource;

    @PostConstruct
    void init() {
        MeterRegistry registry = metrics.registry();
        dataSource = Datasources.counted(persistence);
        dataSource.timeInto(Timer.builder("keygate_db_connection_acquire")
                .description("taking a connection from the server's pool, until it was handed over")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry));
        Gauge.builder("keygate_db_connections_active", dataSource, CountingDataSource::held)
                .description("database connections the application holds right now (taken, not yet closed)")
                .register(registry);
        FunctionCounter.builder("keygate_db_connection_acquire_failures", dataSource, CountingDataSource::failures)
                .description("connections the server's pool refused or failed to give").register(registry);
    }

    /** The configured datasource, counted; every connection of the application comes from here. */
    public DataSource dataSource() {
        return dataSource;
    }
}
