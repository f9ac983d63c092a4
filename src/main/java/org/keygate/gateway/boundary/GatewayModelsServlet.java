package org.keygate.gateway.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.JsonText;
import org.keygate.gateway.control.Route;
import org.keygate.gateway.control.Routes;

/** {@code GET /v1/models}: the catalogue models this key may use, in OpenAI's list shape. */
@WebServlet(name = "GatewayModels", urlPatterns = GatewayFilter.MODELS)
public class GatewayModelsServlet extends HttpServlet {

    @Inject
    Routes routes;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        GatewayCall call = (GatewayCall) request.getAttribute(GatewayCall.ATTRIBUTE);
        if (call == null) {
            response.sendError(404);
            return;
        }
        StringBuilder out = new StringBuilder(256).append("{\"object\":\"list\",\"data\":[");
        boolean first = true;
        for (Route route : routes.all()) {
            if (!call.key.allowsModel(route.modelId())) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"id\":");
            JsonText.quote(out, route.modelId());
            out.append(",\"object\":\"model\",\"created\":").append(route.createdEpochSeconds()).append(",\"owned_by\":");
            JsonText.quote(out, route.providerId());
            out.append('}');
        }
        GatewayResponses.json(response, 200, out.append("]}").toString());
    }
}
