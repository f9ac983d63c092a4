/**
 * The append-only audit log of every admin mutation (docs/api.md), hash-chained so that editing or
 * deleting an entry in the database is detected by the verify endpoint.
 */
package org.keygate.audit;
