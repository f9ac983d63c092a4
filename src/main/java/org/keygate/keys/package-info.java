/**
 * The {@code ck-} keys: minting and checking them (docs/gateway.md), and their lifecycle through the
 * management API (docs/api.md): create, list, update, deactivate, delete, rotate.
 */
package org.keygate.keys;
