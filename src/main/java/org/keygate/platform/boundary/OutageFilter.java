package org.keygate.platform.boundary;

import java.io.IOException;
import java.util.logging.Logger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.control.DatabaseOutage;
import org.keygate.platform.control.Secrets;

/**
 * What the management API and the pages answer while the database cannot be reached, wherever in
 * the request it is found out (authentication reads the account, a page its data): the API a 503
 * problem+json {@code database_unavailable}, a page the 503 outage page, a page's ajax request a
 * redirect to it — each with {@code Retry-After}, logged as a warning, never as a stack trace to
 * the client. Errors of any other kind pass through unchanged. The gateway ({@code /v1/*}) does
 * not read the database and is not behind this filter.
 */
public class OutageFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(OutageFilter.class.getName());
    /** Seconds a client is told to wait before it asks again. */
    static final String RETRY_AFTER = "5";
    static final String DETAIL = "the database cannot be reached right now; retry shortly";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            LOG.warning(() -> "the database is unreachable (" + request.getMethod() + " " + request.getRequestURI() + "): "
                    + Secrets.mask(String.valueOf(e)));
            response.reset(); // whatever the failed request had set goes; the security headers come back
            SecurityHeadersFilter.apply(request, response);
            response.setHeader("Retry-After", RETRY_AFTER);
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/api/")) {
                Problems.write(response, 503, "database_unavailable", DETAIL);
            } else if (PageRedirect.isAjax(request)) {
                PageRedirect.send(request, response, request.getContextPath() + "/error.xhtml?unavailable=true");
            } else {
                response.sendError(503);
            }
        }
    }
}
