/**
 * The {@code Catalog} service (all read, ORG_ADMIN writes, each change audited and sent to the
 * gateway's routes as {@code CatalogChanged}), its REST resources, records and pages.
 */
package org.keygate.catalog.boundary;
