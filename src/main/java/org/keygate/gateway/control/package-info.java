/**
 * The hot path's logic, no servlet types, tested as plain Java: the ordered checks ({@code Gate}),
 * key lookup without SQL, rate windows, spend reservations, prices, demo answers.
 */
package org.keygate.gateway.control;
