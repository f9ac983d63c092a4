/**
 * The detectors (spike, unexpected model, off-hours, new IP) as plain functions of roll-up slices
 * and a clock, the webhook signature and the delivery back-off: all unit-tested without a server.
 */
package org.keygate.monitoring.control;
