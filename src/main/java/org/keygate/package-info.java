/**
 * Keygate in one WAR: a package per feature, each with boundary (what the outside calls), control
 * (no HTTP or Faces types) and entity (JPA); platform knows no feature, as ArchitectureTest checks.
 */
package org.keygate;
