/**
 * The admin pages' landing page: balances, keys due for rotation, recent deactivations and counts,
 * each read through the same services as the management API, so every person sees their share.
 */
package org.keygate.dashboard;
