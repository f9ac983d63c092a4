package org.keygate.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded H2 as a plain {@link DataSource}, the class of the WAR's default datasource in
 * {@code web.xml}. H2's own {@code JdbcDataSource} is also an {@code XADataSource}, and WildFly's
 * transaction recovery then connects to every such datasource every two minutes — which opened
 * (and created) the H2 file even where {@code keygate.datasource} names another database. A
 * plain datasource gets local transactions, all a single embedded database needs, and is only
 * ever connected to when the application uses it.
 *
 * <p>WildFly hands a plain datasource its URL with the {@code ;NAME=value} settings split off into
 * properties of their own, set through setters: the two settings Keygate's URLs use have one here
 * and go back onto the URL ({@code DB_CLOSE_ON_EXIT}, {@code DB_CLOSE_DELAY}); Payara passes the
 * URL whole.
 */
public class EmbeddedH2DataSource implements DataSource {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private String url;

    public synchronized void setURL(String url) {
        this.url = url;
        h2.setURL(url());
    }

    public String getURL() {
        return h2.getURL();
    }

    public void setUrl(String url) {
        setURL(url);
    }

    public String getUrl() {
        return getURL();
    }

    public void setDB_CLOSE_ON_EXIT(String value) {
        setting("DB_CLOSE_ON_EXIT", value);
    }

    public void setDB_CLOSE_DELAY(String value) {
        setting("DB_CLOSE_DELAY", value);
    }

    private synchronized void setting(String name, String value) {
        settings.put(name, value);
        h2.setURL(url());
    }

    /** The URL with each setting that is not on it yet. */
    private String url() {
        StringBuilder full = new StringBuilder(url == null ? "" : url);
        settings.forEach((name, value) -> {
            if (!full.toString().toUpperCase(Locale.ROOT).contains(";" + name + "=")) {
                full.append(';').append(name).append('=').append(value);
            }
        });
        return full.toString();
    }

    public void setUser(String user) {
        h2.setUser(user);
    }

    public String getUser() {
        return h2.getUser();
    }

    public void setPassword(String password) {
        h2.setPassword(password);
    }

    public String getPassword() {
        return h2.getPassword();
    }

    public void setDescription(String description) {
        h2.setDescription(description);
    }

    public String getDescription() {
        return h2.getDescription();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return h2.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return h2.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return h2.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        h2.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        h2.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return h2.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
