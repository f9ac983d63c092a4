/**
 * The raw usage record as JPA reads it for lists and CSV; rows are only ever inserted, in batches,
 * by {@code UsageBatchWriter}'s plain JDBC.
 */
package org.keygate.usage.entity;
