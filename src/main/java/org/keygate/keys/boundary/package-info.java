/**
 * The key lifecycle service {@code ApiKeys} behind both the REST resource and the keys pages, its
 * request and view records, the {@code KeyChanged} event and the rotation sweeper.
 */
package org.keygate.keys.boundary;
