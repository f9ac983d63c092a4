package org.keygate.platform.boundary;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * A query parameter the matched endpoint does not take is refused (400 {@code invalid_input}
 * naming it, and listing the ones it takes) instead of ignored: {@code GET /alerts?status=open}
 * for {@code ?state=open} would otherwise answer every alert, unfiltered, as if it were the answer.
 * The names come from the resource method's {@code @QueryParam}s, read once per method.
 */
@Provider
public class QueryParameterFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    private final ConcurrentHashMap<Method, Set<String>> known = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> names = known.computeIfAbsent(method, QueryParameterFilter::queryParameters);
        for (String name : request.getUriInfo().getQueryParameters(true).keySet()) {
            if (!names.contains(name)) {
                request.abortWith(Problems.response(400, "invalid_input", name, names.isEmpty()
                        ? "is not a query parameter of this endpoint, which takes none"
                        : "is not a query parameter of this endpoint, which takes " + String.join(", ", names), null));
                return;
            }
        }
    }

    static Set<String> queryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }
}
