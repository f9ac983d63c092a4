/**
 * Teams with their balance ledger, and members with their roles per team (docs/api.md, docs/authentication.md):
 * who may hold keys, who pays for them, and offboarding a person in one step.
 */
package org.keygate.team;
