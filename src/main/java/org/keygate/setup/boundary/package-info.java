/**
 * {@code Bootstrap}, the startup singleton that does it after the migration: each step once per
 * database, later starts only print where to go.
 */
package org.keygate.setup.boundary;
