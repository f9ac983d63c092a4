/**
 * Watching usage for signs of a leaked key (SPEC §6): detectors over the usage roll-ups, alerts
 * raised once per anomaly, signed webhook delivery, and the leaked-key response.
 */
package org.keygate.monitoring;
