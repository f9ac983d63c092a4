package org.keygate.keys.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The plaintext of a key just minted by a page action, kept only for the request that renders it
 * (docs/gateway.md: returned exactly once). It never enters the view state or the session, so reloading or
 * re-rendering the page cannot show it again.
 */
@Named
@RequestScoped
public class OneTimeKey {

    private String value;

    public String getValue() {
        return value;
    }

    void set(String plaintext) {
        this.value = plaintext;
    }

    public boolean isPresent() {
        return value != null;
    }
}
