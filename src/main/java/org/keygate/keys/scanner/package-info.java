/**
 * {@code keygate-scanner.jar}, the command-line leak scanner built next to the WAR: finds
 * {@code ck-} keys whose checksum holds in files or standard input, reports them masked and can
 * post them to {@code POST /api/v1/keys/revoke-leaked}. Plain JDK only, so it runs anywhere Java
 * 17 does (a CI job, a laptop), without the server's libraries.
 */
package org.keygate.keys.scanner;
