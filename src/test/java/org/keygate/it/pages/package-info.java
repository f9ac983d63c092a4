/**
 * Selenium page objects of the admin pages, one per page or page section, that wait for Faces ajax
 * to finish instead of sleeping, so the browser ITs read like the steps a person takes.
 */
package org.keygate.it.pages;
