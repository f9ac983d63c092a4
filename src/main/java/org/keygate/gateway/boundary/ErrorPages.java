package org.keygate.gateway.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.ErrorShape;
import org.keygate.gateway.control.GatewayError;
import org.keygate.platform.boundary.Problems;

/**
 * The one error page of {@code web.xml}: whatever the container answers on its own (a request it
 * could not parse, a header the JAX-RS runtime refused, an exception nothing else caught, a
 * {@code sendError}) is shaped like the part of Keygate it was meant for — problem+json under
 * {@code /api/}, an OpenAI-style error under {@code /v1/} and {@code /auth/} (Anthropic's shape
 * on {@code /v1/messages}), and a page of the
 * admin UI's public layout everywhere else. Never the container's own page, never a stack trace.
 */
@WebServlet(name = "ErrorPages", urlPatterns = "/error-pages/*")
public class ErrorPages extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer given)) {
            response.sendError(404); // asked for directly: comes back here as an error
            return;
        }
        // the servers' default servlet answers a method it has no handler for (PATCH, PUT on a path
        // nothing serves) with 501; for a client that is a method not allowed here
        int status = given == 501 ? 405 : given;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
        response.setStatus(status);
        if (path.startsWith("/api/")) {
            Problems.write(response, status, Problems.codeOf(status), Problems.title(status));
        } else if (path.startsWith("/v1/") || path.startsWith("/auth/")) {
            String message = status >= 500 ? "The gateway could not answer this request."
                    : "The request could not be understood (" + Problems.title(status) + ").";
            byte[] body = ErrorShape.forPath(path).body(gatewayError(status), message, null).getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else {
            request.getRequestDispatcher("/WEB-INF/errorpages/" + page(status) + ".xhtml").forward(request, response);
        }
    }

    private static GatewayError gatewayError(int status) {
        return switch (status) {
            case 401 -> GatewayError.INVALID_API_KEY;
            case 404 -> GatewayError.UNKNOWN_URL;
            case 405 -> GatewayError.METHOD_NOT_ALLOWED;
            case 413 -> GatewayError.REQUEST_TOO_LARGE;
            default -> status >= 500 ? GatewayError.INTERNAL_ERROR : GatewayError.INVALID_REQUEST;
        };
    }

    private static String page(int status) {
        return switch (status) {
            case 401 -> "401";
            case 403, 404 -> "404"; // a 403 looks like a 404: pages do not reveal what exists
            case 503 -> "503";
            default -> status >= 500 ? "500" : "400";
        };
    }
}
