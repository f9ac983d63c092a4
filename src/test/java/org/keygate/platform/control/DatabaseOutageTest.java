package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreAnOutage() {
        assertTrue(DatabaseOutage.causedBy(new EJBException(new PersistenceException(
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")))));
        assertTrue(DatabaseOutage.causedBy(new PersistenceException(new SQLException("terminating connection due to"
                + " administrator command", "57P01"))));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLTransientConnectionException("pool timeout"))));
        assertTrue(DatabaseOutage.causedBy(new PersistenceException(new ConnectException("refused"))));
        assertTrue(DatabaseOutage.causedBy(new PersistenceException(
                new jakarta.resource.ResourceException("IJ000453: Unable to get managed connection"))));
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("closed", "08006"));
        assertTrue(DatabaseOutage.causedBy(batch), "a batch's next exception counts");
    }

    @Test
    void ourOwnFaultsAreNot() {
        assertFalse(DatabaseOutage.causedBy(new PersistenceException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("a bug")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("syntax error", "42601")));
        RuntimeException cycle = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", cycle);
        cycle.initCause(other);
        assertFalse(DatabaseOutage.causedBy(cycle));
    }
}
