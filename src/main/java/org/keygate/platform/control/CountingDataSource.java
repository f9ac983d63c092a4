package org.keygate.platform.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Timer;

/**
 * The server's datasource as the application uses it: how many of its connections the application
 * holds right now (taken, not yet closed), how long taking one took, how often taking one failed.
 * Every server's pool knows more, but each tells it in its own way and only with its statistics
 * switched on; this sees every connection the application takes, on any server. A connection is
 * handed out behind a proxy whose first {@code close} gives it back to the count; every other
 * method goes straight to the pool's connection. Within a JTA transaction the server may keep the
 * physical connection enlisted after that close until the commit: what is counted is the
 * application's hold on it, not the pool's.
 *
 * <p>Connections are counted from the first; they are timed once {@link #timeInto} got the timer,
 * which exists only once the application's meters do: EclipseLink may log in (and take a
 * connection) while the application is still being deployed, before that.
 */
public final class CountingDataSource implements DataSource {

    private static final Class<?>[] CONNECTION = {Connection.class};

    private final DataSource pool;
    private volatile Timer acquire;
    private final AtomicInteger held = new AtomicInteger();
    private final LongAdder failures = new LongAdder();

    public CountingDataSource(DataSource pool) {
        this.pool = pool;
    }

    /** From now on the time of every connection taken goes into {@code acquire}. */
    public void timeInto(Timer acquire) {
        this.acquire = acquire;
    }

    /** Connections taken and not yet closed. */
    public int held() {
        return held.get();
    }

    /** Connections the pool refused or failed to give. */
    public long failures() {
        return failures.sum();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counted(pool::getConnection);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return counted(() -> pool.getConnection(user, password));
    }

    private interface Taking {
        Connection take() throws SQLException;
    }

    private Connection counted(Taking taking) throws SQLException {
        long started = System.nanoTime();
        Connection connection;
        try {
            connection = taking.take();
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            throw e;
        }
        Timer timer = acquire;
        if (timer != null) {
            timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        held.incrementAndGet();
        return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), CONNECTION,
                new Held(connection));
    }

    /** One connection the application holds, until its first {@code close}. */
    private final class Held implements InvocationHandler {

        private final Connection connection;
        private final AtomicBoolean closed = new AtomicBoolean();

        Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (closed.compareAndSet(false, true)) {
                        held.decrementAndGet();
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "counted " + connection;
                }
                default -> {
                }
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
