package org.keygate.usage.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Drains the usage queue when the web application stops (docs/gateway.md: no record lost on a clean
 * shutdown). Payara Micro stopped with SIGTERM or Ctrl+C stops the web module but does not
 * reliably destroy EJB singletons (payara/Payara#4573), so the recorder's own {@code @PreDestroy}
 * alone is not enough; this runs while the database is still there, after the last request.
 */
@WebListener
public class UsageShutdown implements ServletContextListener {

    @Inject
    UsageRecorder recorder;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        recorder.drainAtShutdown();
    }
}
