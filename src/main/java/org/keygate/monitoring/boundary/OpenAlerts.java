package org.keygate.monitoring.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The open-alert count beside "Alerts" in the navigation ({@code #{openAlerts.count}}): the alerts
 * the caller may see and nobody has acknowledged, counted once per request.
 */
@Named
@RequestScoped
public class OpenAlerts {

    @Inject
    Alerts alerts;

    private Long count;

    public long getCount() {
        if (count == null) {
            count = alerts.openCount();
        }
        return count;
    }
}
