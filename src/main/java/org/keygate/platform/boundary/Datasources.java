package org.keygate.platform.boundary;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

import org.keygate.platform.control.CountingDataSource;

/**
 * Which datasource the application uses, decided when it starts instead of when it is built: the
 * JNDI name in {@code keygate.datasource} ({@code KEYGATE_DATASOURCE}), by default the embedded H2
 * datasource that {@code web.xml} declares. EclipseLink gets it as its session customizer: the
 * persistence unit names the default datasource, and before the session logs in its connector (and
 * the non-JTA read pool's, if the server gave it one) is pointed at the configured one instead,
 * behind a {@link CountingDataSource}, so nothing ever connects to the default when another one is
 * configured. That counted datasource is kept in the session, and {@link Connections} hands the
 * same one to the rest of the application, so every connection taken is counted in one place. It
 * is made here rather than in a bean because Payara logs the session in while it prepares the
 * deployment, before any CDI bean can exist. This also makes a read that failed for a lost
 * connection fail fast instead of retrying for ten seconds.
 */
public class Datasources implements SessionCustomizer {

    public static final String PROPERTY = "keygate.datasource";
    /** The H2 file datasource of {@code web.xml}, named in {@code persistence.xml}. */
    public static final String EMBEDDED = "java:app/jdbc/keygate";
    /** The session property holding the counted datasource. */
    private static final String COUNTED = CountingDataSource.class.getName();

    /** The configured JNDI name. */
    public static String name() {
        return ConfigProvider.getConfig(Datasources.class.getClassLoader()).getOptionalValue(PROPERTY, String.class)
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(EMBEDDED);
    }

    /** The counted datasource that EclipseLink's session {@code persistence} was given when it logged in. */
    static CountingDataSource counted(EntityManagerFactory persistence) {
        ServerSession session = persistence.unwrap(JpaEntityManagerFactory.class).getServerSession();
        return (CountingDataSource) session.getProperty(COUNTED);
    }

    /** The configured datasource, looked up now. */
    private static DataSource lookUp(String name) {
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("the Keygate datasource " + name + " (" + PROPERTY + ") cannot be found", e);
        }
    }

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getDatasourceLogin() instanceof DatabaseLogin l ? l : null;
        if (login != null) {
            // EclipseLink retries a read that failed on a lost connection three times, 5 s apart: while
            // the database is down every page and API call would hang 10 s before its 503. The pool
            // already validates a connection before handing it out, so one immediate retry is enough.
            login.setQueryRetryAttemptCount(1);
            login.setDelayBetweenConnectionAttempts(0);
        }
        String name = name();
        // the embedded default is the one the server already handed EclipseLink (a java:app name may
        // not be looked up yet while the deployment is prepared)
        DataSource pool = name.equals(EMBEDDED) && login != null && login.getConnector() instanceof JNDIConnector given
                && given.getDataSource() != null ? given.getDataSource() : lookUp(name);
        CountingDataSource counted = new CountingDataSource(pool);
        session.setProperty(COUNTED, counted);
        if (login != null) {
            login.setConnector(new JNDIConnector(counted));
        }
        if (session instanceof ServerSession server) {
            for (ConnectionPool connections : server.getConnectionPools().values()) {
                point(connections, counted);
            }
            point(server.getReadConnectionPool(), counted);
        }
    }

    private static void point(ConnectionPool pool, DataSource counted) {
        if (pool != null && pool.getLogin() instanceof DatabaseLogin login && login.getConnector() instanceof JNDIConnector) {
            login.setConnector(new JNDIConnector(counted));
        }
    }
}
