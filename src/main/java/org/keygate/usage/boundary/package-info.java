/**
 * {@code UsageRecorder} (queue hand-out, flush timer, shutdown drain), reads of records and
 * roll-ups under the key visibility rules, their REST resources, CSV exports, key page usage.
 */
package org.keygate.usage.boundary;
