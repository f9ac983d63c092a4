/**
 * Watching usage for signs of a leaked key (docs/alerts.md): detectors over the usage roll-ups, alerts
 * raised once per anomaly, signed webhook delivery, and the leaked-key response.
 */
package org.keygate.monitoring;
