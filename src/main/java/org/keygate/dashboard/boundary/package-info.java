/**
 * The dashboard page's backing bean. It only calls other features' services (teams, keys, usage,
 * alerts), so each person sees exactly their share of the figures.
 */
package org.keygate.dashboard.boundary;
