/**
 * {@code TeamBalances}, the balance row kept in step with every ledger entry, and the
 * {@code OwnedKeys} seam through which offboarding reaches keys without team depending on keys.
 */
package org.keygate.team.control;
