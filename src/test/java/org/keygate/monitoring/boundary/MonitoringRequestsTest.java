package org.keygate.monitoring.boundary;

import static org.keygate.platform.control.Validate.invalid;
import static org.keygate.platform.control.Validate.valid;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The constraints of the monitoring requests: the services' former checks, same fields and messages. */
class MonitoringRequestsTest {

    @Test
    void webhooks() {
        valid(new CreateWebhookRequest("https://example.org/x", "HIGH"));
        valid(new CreateWebhookRequest("https://example.org/x", null));
        invalid("url", "is required", new CreateWebhookRequest(" ", null));
        invalid("min_severity", "must be low, medium, high or critical", new CreateWebhookRequest("https://example.org/x", "urgent"));
    }

    @Test
    void leakReports() {
        valid(new RevokeLeakedRequest(List.of("ck-whatever")));
        invalid("keys", "must list 1 to 1000 strings", new RevokeLeakedRequest(List.of()));
        invalid("keys", "must list 1 to 1000 strings", new RevokeLeakedRequest(null));
        invalid("keys", "must list 1 to 1000 strings", new RevokeLeakedRequest(Collections.nCopies(1001, "x")));
        invalid("keys[1]", "must not be null", new RevokeLeakedRequest(Arrays.asList("x", null)));
    }

    @Test
    void alertsAndPolicies() {
        valid(new AcknowledgeRequest(null));
        invalid("note", "must be at most 500 characters", new AcknowledgeRequest("n".repeat(501)));
        invalid("deactivate_on_critical", "is required", new AlertPolicyRequest(null));
        valid(new AlertPolicyRequest(false));
    }
}
