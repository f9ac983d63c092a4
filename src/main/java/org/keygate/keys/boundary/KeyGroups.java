package org.keygate.keys.boundary;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** The group names docs/api.md suggests, offered while typing; any other text is allowed too. */
@Named
@ApplicationScoped
public class KeyGroups {

    private static final List<String> SUGGESTED = List.of("production", "staging", "personal");

    public List<String> complete(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return SUGGESTED.stream().filter(g -> g.startsWith(q)).toList();
    }
}
