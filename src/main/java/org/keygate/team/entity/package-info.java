/**
 * Teams, members, their memberships with a role per team, and the append-only ledger of balance
 * movements in exact micro-USD.
 */
package org.keygate.team.entity;
