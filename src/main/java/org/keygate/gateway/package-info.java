/**
 * The hot path (docs/gateway.md): a servlet filter that authenticates {@code ck-} keys and enforces their
 * limits from memory, and servlets that relay chat completions to the model's provider.
 */
package org.keygate.gateway;
