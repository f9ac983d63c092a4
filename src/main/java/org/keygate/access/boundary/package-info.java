/**
 * The filters that authenticate every API call and admin page, the login page and OIDC callback,
 * the authentication settings, and the request-scoped {@code Caller} with the caller's roles.
 */
package org.keygate.access.boundary;
