/**
 * The {@code Teams} (settings, ledger, balance) and {@code Members} (roles, offboarding) services
 * behind their REST resources and pages, SSO member provisioning, and the accounts access reads.
 */
package org.keygate.team.boundary;
