package org.keygate.it;

import java.net.URL;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the ITs that need a deployment of their own, deployed by Arquillian — another auth
 * mode, a rotation period of 0, tests that run inside the server — where every other black-box
 * IT runs on the {@link SharedServer}. The subclass declares its {@code @Deployment} (and
 * {@code @RunAsClient} when it only talks HTTP); {@link #url} is that deployment's root.
 * In-container subclasses add this class to their archive. On PostgreSQL each class deploys onto
 * an empty database ({@link FreshDatabase}, which JUnit runs before Arquillian's).
 */
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
public abstract class OwnDeployment {

    @ArquillianResource
    protected URL url;
}
