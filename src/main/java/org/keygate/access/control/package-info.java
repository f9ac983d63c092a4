/**
 * Authentication rules with no HTTP types: PBKDF2 password hashes, the login throttle, JWT checks
 * against a key set, and the {@code AccountStore} seam through which team supplies the people.
 */
package org.keygate.access.control;
