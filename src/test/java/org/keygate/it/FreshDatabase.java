package org.keygate.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered before Arquillian on {@link OwnDeployment}: on PostgreSQL ({@code keygate.it.db=postgres}),
 * gives the class an empty database before Arquillian deploys it; on WildFly, the first time, writes
 * the configuration the Arquillian WildFly starts with ({@link ServerProcess#prepareArquillianWildFly}:
 * {@code oidc.cli}, and the datasource on PostgreSQL). Inside a server (in-container tests run JUnit
 * there too) the properties are unset and it does nothing, so it needs no class but this one in the
 * test archive.
 */
public final class FreshDatabase implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if ("postgres".equals(System.getProperty("keygate.it.db"))) {
            TestDatabase.freshDatabase(TestDatabase.OWN_DEPLOYMENTS);
        }
        if ("wildfly".equals(System.getProperty("arquillian.launch"))) {
            ServerProcess.prepareArquillianWildFly();
        }
    }
}
