/**
 * Usage events, the queue from request threads to the writer, and the JDBC batch writer with its
 * roll-ups; no container types, so the SQL runs in a unit test on the real migrations.
 */
package org.keygate.usage.control;
