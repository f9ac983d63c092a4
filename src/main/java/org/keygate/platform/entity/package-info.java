/**
 * The JPA converters entities of every feature use: {@code Instant} in {@code TIMESTAMP WITH TIME
 * ZONE} columns (always UTC) and short token lists in one text column.
 */
package org.keygate.platform.entity;
