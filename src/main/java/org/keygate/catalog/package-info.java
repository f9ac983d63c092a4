/**
 * The model catalogue: which models exist, which upstream provider serves each and at what
 * price per million tokens (docs/api.md). Keys name models from here in {@code allowed_models}.
 */
package org.keygate.catalog;
