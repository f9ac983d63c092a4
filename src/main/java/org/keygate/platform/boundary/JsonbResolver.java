package org.keygate.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import org.keygate.platform.control.Json;

/**
 * Response JSON: snake_case names as in docs/api.md, and nulls written out so every documented field
 * is present in every answer.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {


    @Override
    public Jsonb getContext(Class<?> type) {
        return Json.JSONB;
    }
}
