/**
 * The anomaly scan and webhook timers, {@code Alerts} (raise once, acknowledge, team policy),
 * webhooks, the leaked-key response, and their REST resources and pages.
 */
package org.keygate.monitoring.boundary;
