/**
 * The model catalogue: which models exist, which upstream provider serves each and at what
 * price per million tokens (SPEC §1, §4). Keys name models from here in {@code allowed_models}.
 */
package org.keygate.catalog;
