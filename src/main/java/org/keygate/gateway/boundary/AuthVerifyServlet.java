package org.keygate.gateway.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /auth/verify} for nginx {@code auth_request} and Envoy ext_authz (docs/gateway.md): the
 * filter has already run every check against the forwarded headers (a model can be named in
 * {@code X-Keygate-Model}); reaching this servlet means 204, with the key and team ids as headers
 * the proxy can pass on.
 */
@WebServlet(name = "AuthVerify", urlPatterns = GatewayFilter.AUTH_VERIFY)
public class AuthVerifyServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        GatewayCall call = (GatewayCall) request.getAttribute(GatewayCall.ATTRIBUTE);
        if (call == null) {
            response.setStatus(404);
            return;
        }
        response.setHeader("X-Keygate-Key-Id", call.key.id());
        response.setHeader("X-Keygate-Team-Id", call.key.teamId());
        response.setStatus(204);
    }
}
