package org.keygate.platform.boundary;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Which datasource the application uses, decided when it starts instead of when it is built: the
 * JNDI name in {@code keygate.datasource} ({@code KEYGATE_DATASOURCE}), by default the embedded H2
 * datasource that {@code web.xml} declares. Flyway ({@link Migrator}), the usage writer and
 * EclipseLink all take it from here. EclipseLink gets it as its session customizer: the
 * persistence unit names the default datasource, and before the session logs in its connector
 * (and the non-JTA read pool's, if the server gave it one) is pointed at the configured name
 * instead, so nothing ever connects to the default when another one is configured. It also makes
 * a read that failed for a lost connection fail fast instead of retrying for ten seconds.
 */
public class Datasources implements SessionCustomizer {

    public static final String PROPERTY = "keygate.datasource";
    /** The H2 file datasource of {@code web.xml}, named in {@code persistence.xml}. */
    public static final String EMBEDDED = "java:app/jdbc/keygate";

    /** The configured JNDI name. */
    public static String name() {
        return ConfigProvider.getConfig(Datasources.class.getClassLoader()).getOptionalValue(PROPERTY, String.class)
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(EMBEDDED);
    }

    /** The configured datasource, looked up now. */
    public static DataSource dataSource() {
        String name = name();
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("the Keygate datasource " + name + " (" + PROPERTY + ") cannot be found", e);
        }
    }

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            // EclipseLink retries a read that failed on a lost connection three times, 5 s apart: while
            // the database is down every page and API call would hang 10 s before its 503. The pool
            // already validates a connection before handing it out, so one immediate retry is enough.
            login.setQueryRetryAttemptCount(1);
            login.setDelayBetweenConnectionAttempts(0);
        }
        String name = name();
        if (name.equals(EMBEDDED)) {
            return;
        }
        DataSource configured = dataSource();
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setConnector(new JNDIConnector(configured));
        }
        if (session instanceof ServerSession server) {
            for (ConnectionPool pool : server.getConnectionPools().values()) {
                point(pool, configured);
            }
            point(server.getReadConnectionPool(), configured);
        }
    }

    private static void point(ConnectionPool pool, DataSource configured) {
        if (pool != null && pool.getLogin() instanceof DatabaseLogin login && login.getConnector() instanceof JNDIConnector) {
            login.setConnector(new JNDIConnector(configured));
        }
    }
}
