package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class CountingDataSourceTest {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final Timer acquire = Timer.builder("acquire").register(new SimpleMeterRegistry());
    private final CountingDataSource counted = new CountingDataSource(h2);

    CountingDataSourceTest() {
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("sa");
        counted.timeInto(acquire);
    }

    @Test
    void aConnectionIsHeldFromItsTakingToItsFirstClose() throws SQLException {
        Connection first = counted.getConnection();
        Connection second = counted.getConnection("sa", "sa");
        assertEquals(2, counted.held());
        assertEquals(2, acquire.count(), "each taking is timed");
        first.close();
        first.close();
        assertEquals(1, counted.held(), "a second close gives nothing back twice");
        try (second) {
            assertEquals(1, counted.held());
        }
        assertEquals(0, counted.held());
        assertEquals(0, counted.failures());
    }

    @Test
    void connectionsTakenBeforeTheTimerCameAreCountedButNotTimed() throws SQLException {
        CountingDataSource early = new CountingDataSource(h2);
        Connection before = early.getConnection();
        early.timeInto(acquire);
        assertEquals(1, early.held());
        assertEquals(0, acquire.count());
        before.close();
        early.getConnection().close();
        assertEquals(0, early.held());
        assertEquals(1, acquire.count());
    }

    @Test
    void theHeldConnectionWorksAsThePoolsDoes() throws SQLException {
        try (Connection c = counted.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
            assertEquals("H2", c.getMetaData().getDatabaseProductName());
            assertTrue(c.isWrapperFor(org.h2.jdbc.JdbcConnection.class));
            assertEquals(org.h2.jdbc.JdbcConnection.class, c.unwrap(org.h2.jdbc.JdbcConnection.class).getClass());
            assertEquals(c, c);
            try (Connection other = counted.getConnection()) {
                assertNotEquals(c, other);
            }
        }
        assertSame(counted, counted.unwrap(CountingDataSource.class));
    }

    @Test
    void aConnectionThePoolDoesNotGiveIsAFailureAndHoldsNothing() throws SQLException {
        counted.getConnection().close(); // creates the database with its user
        SQLException refused = assertThrows(SQLException.class, () -> counted.getConnection("sa", "wrong"));
        assertTrue(refused.getMessage().contains("password"), refused::getMessage);
        assertEquals(1, counted.failures());
        assertEquals(0, counted.held());
        assertEquals(1, acquire.count(), "only connections taken are timed");
    }

    @Test
    void aFailingMethodThrowsItsOwnException() throws SQLException {
        try (Connection c = counted.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertThrows(SQLException.class, () -> c.prepareStatement("NOT SQL"));
        }
        assertEquals(0, counted.held());
    }
}
