package org.keygate.gateway.boundary;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.DemoReply;
import org.keygate.gateway.control.Endpoint;
import org.keygate.gateway.control.GatewayException;

/**
 * Every relayed {@link Endpoint} once {@link GatewayFilter} has admitted the call: the demo
 * provider answers here in memory (JSON or SSE; it never waits, so it stays synchronous), every
 * other provider through {@link UpstreamRelay}, asynchronously (the request thread returns at
 * once). Taken out of service, it has the relay end the calls still open before the usage
 * recorder's last drain runs.
 */
@WebServlet(name = "Relay", urlPatterns = {Endpoint.CHAT_PATH, Endpoint.EMBEDDINGS_PATH, Endpoint.COMPLETIONS_PATH,
        Endpoint.RESPONSES_PATH, Endpoint.MESSAGES_PATH}, asyncSupported = true)
public class RelayServlet extends HttpServlet {

    @Inject
    UpstreamRelay relay;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        GatewayCall call = (GatewayCall) request.getAttribute(GatewayCall.ATTRIBUTE);
        if (call == null) {
            response.sendError(404);
            return;
        }
        try {
            if (call.route.demo()) {
                demo(call, response);
            } else {
                relay.relay(call, request, HeldResponse.direct(response));
            }
        } catch (GatewayException e) {
            call.errorCode = e.error().code();
            GatewayResponses.error(response, e, call.errors);
        }
    }

    @Override
    public void destroy() {
        relay.shutdown();
        super.destroy();
    }

    private void demo(GatewayCall call, HttpServletResponse response) throws IOException {
        DemoReply reply = call.request.demo(call.requestId, call.startedMillis / 1000, call.model, call.route);
        call.usage = reply.usage();
        if (!reply.streamed()) {
            GatewayResponses.json(response, 200, reply.json());
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        for (String event : reply.events()) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        }
    }
}
