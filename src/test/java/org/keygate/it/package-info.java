/**
 * The Arquillian ITs and their shared helpers: the deployment (the built WAR, test settings), API
 * and gateway clients, uniquely named fixtures, the stub upstream, headless Chromium.
 */
package org.keygate.it;
