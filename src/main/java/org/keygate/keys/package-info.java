/**
 * The {@code ck-} keys: minting and checking them (SPEC §2), and their lifecycle through the
 * management API (SPEC §4): create, list, update, deactivate, delete, rotate.
 */
package org.keygate.keys;
