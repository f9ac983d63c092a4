/**
 * Shared rules without container types: the typed exceptions services throw
 * ({@code KeygateException} and its 4xx kinds), field checks, ids, IP ranges, client IP, CSV, JSON.
 */
package org.keygate.platform.control;
