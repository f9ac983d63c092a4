package org.keygate.gateway.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.DayUsage;
import org.keygate.gateway.control.GatewayKey;
import org.keygate.gateway.control.Price;
import org.keygate.gateway.control.SpendGuard;

/**
 * {@code GET /v1/key/info}: the calling key's own settings and effective limits, its usage today
 * (in the team's time zone) and the team balance — what a key holder needs to understand a 429 or
 * 402 without an admin. Never the key itself.
 */
@WebServlet(name = "KeyInfo", urlPatterns = GatewayFilter.KEY_INFO)
public class KeyInfoServlet extends HttpServlet {

    @Inject
    SpendGuard spend;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        GatewayCall call = (GatewayCall) request.getAttribute(GatewayCall.ATTRIBUTE);
        if (call == null) {
            response.sendError(404);
            return;
        }
        GatewayKey key = call.key;
        DayUsage today = spend.today(key.budget(), call.startedMillis);
        JsonArrayBuilder models = Json.createArrayBuilder();
        key.allowedModels().forEach(models::add);
        JsonArrayBuilder ips = Json.createArrayBuilder();
        key.ipWhitelist().forEach(ips::add);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("id", key.id())
                .add("name", key.name())
                .add("display", key.display())
                .add("team_id", key.teamId())
                .add("status", key.statusAt(call.startedMillis).json())
                .add("allowed_models", models)
                .add("ip_whitelist", ips)
                .add("rpm_limit", key.rpmLimit())
                .add("rpm_limit_source", key.rpmSource())
                .add("client_ip", call.clientIp)
                .add("rate_limit", Json.createObjectBuilder().add("limit", call.rate.limit())
                        .add("remaining", call.rate.remaining()).add("reset_seconds", call.rate.resetSeconds()))
                .add("usage_today", Json.createObjectBuilder().add("requests", today.requests())
                        .add("tokens", today.tokens()).add("cost", Price.usd(today.costMicros())))
                .add("time_zone", key.budget().zone().getId())
                .add("team", Json.createObjectBuilder().add("id", key.teamId()).add("billing", key.billing())
                        .add("balance", Price.usd(spend.balance(key.teamId()))));
        optional(body, "group", key.group());
        optional(body, "project", key.project());
        if (key.dailyLimit() == null) {
            body.addNull("daily_limit");
        } else {
            body.add("daily_limit", key.dailyLimit());
        }
        if (key.expiresAt() == null) {
            body.addNull("expires_at");
        } else {
            body.add("expires_at", key.expiresAt().toString());
        }
        GatewayResponses.json(response, 200, body.build().toString());
    }

    private static void optional(JsonObjectBuilder body, String name, String value) {
        if (value == null) {
            body.addNull(name);
        } else {
            body.add(name, value);
        }
    }
}
