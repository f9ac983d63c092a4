/**
 * First start (README.md): bootstrap admin, offline demo provider, model and funded team, ready
 * banner; its own feature since it needs team, catalog and access, which platform may not use.
 */
package org.keygate.setup;
