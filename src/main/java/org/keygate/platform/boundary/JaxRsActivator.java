package org.keygate.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * JAX-RS lives under {@code /api} only: mapped to {@code /*} it would shadow the Faces pages and
 * the gateway's {@code /v1} servlet paths.
 */
@ApplicationPath("/api")
public class JaxRsActivator extends Application {
}
