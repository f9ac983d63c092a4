package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keygate.keys.control.KeyMint;

/** The key lifecycle of SPEC §4 through the real management API. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyLifecycleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygate();
    }

    @ArquillianResource
    URL url;

    @Test
    void createReturnsThePlaintextOnceAndGetNeverDoes() {
        Api api = Api.at(url).asAdmin();
        Fixture fx = new Fixture(Api.at(url));
        String team = fx.team();
        Api.Resp created = api.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"name\":\"ci\",\"group\":\"production\"}");
        assertEquals(201, created.status(), created::toString);
        String key = created.str("key");
        assertTrue(KeyMint.isWellFormed(key), key);
        assertEquals(key.substring(0, 7), created.str("key_prefix"));
        assertEquals(key.substring(31), created.str("last4"));
        assertEquals("active", created.str("status"));

        Api.Resp got = api.get("api/v1/keys/" + created.str("id"));
        assertEquals(200, got.status());
        assertFalse(got.json().containsKey("key"));
        assertFalse(got.body().contains(key));
        assertFalse(got.json().containsKey("key_hash"));
        assertEquals("production", got.str("group"));
    }
}
