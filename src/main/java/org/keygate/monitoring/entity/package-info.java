/**
 * Alerts (a unique fingerprint makes one alert per anomaly), the per-team alert policy, webhooks,
 * and their deliveries, each claimed by exactly one node at a time before it is sent.
 */
package org.keygate.monitoring.entity;
