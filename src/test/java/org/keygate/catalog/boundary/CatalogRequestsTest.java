package org.keygate.catalog.boundary;

import static org.keygate.platform.control.Validate.invalid;
import static org.keygate.platform.control.Validate.valid;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The constraints of the catalogue requests: the service's former checks, same fields and messages. */
class CatalogRequestsTest {

    @Test
    void providers() {
        valid(new CreateProviderRequest("openai", null, null, "https://api.openai.com/v1", "OPENAI_API_KEY"));
        valid(new CreateProviderRequest("demo-2", "Demo", "demo", null, null));
        invalid("id", "must be lower case letters, digits, '.', '_' or '-' (at most 64), e.g. openai",
                new CreateProviderRequest("OpenAI", null, null, null, null));
        invalid("id", "is required", new CreateProviderRequest(" ", null, null, null, null));
        invalid("name", "is required", new CreateProviderRequest("p", " ", null, null, null));
        invalid("kind", "must be openai (any OpenAI-compatible endpoint), anthropic (Anthropic's Messages API) or demo", new CreateProviderRequest("p", null, "grpc", null, null));
        invalid("credential_ref", "looks like a secret; give the name of the property that holds it",
                new CreateProviderRequest("p", null, null, "http://127.0.0.1:9/v1", "sk-live-123"));
        invalid("credential_ref", "must name a configuration property or environment variable (letters, digits, '.', '_', '-'), "
                + "e.g. OPENAI_API_KEY; never the secret itself", new CreateProviderRequest("p", null, null, null, "my key"));
        valid(new CreateProviderRequest("p", null, null, null, "  "));
        valid(new UpdateProviderRequest(null, Optional.empty(), Optional.empty()));
        invalid("name", "is required", new UpdateProviderRequest(Optional.empty(), null, null));
        invalid("credential_ref", "looks like a secret; give the name of the property that holds it",
                new UpdateProviderRequest(null, null, Optional.of("ck-abc")));
    }

    @Test
    void models() {
        BigDecimal one = BigDecimal.ONE;
        valid(new CreateModelRequest("p/m1", "p", "m", new BigDecimal("0.15"), new BigDecimal("0.6"), null, 100, null));
        invalid("id", "must look like provider/model-name, e.g. openai/gpt-4o-mini", new CreateModelRequest("m1", "p", "m", one, one, null, 10, null));
        invalid("provider_id", "is required", new CreateModelRequest("p/m1", null, "m", one, one, null, 10, null));
        invalid("upstream_model", "is required", new CreateModelRequest("p/m1", "p", "", one, one, null, 10, null));
        invalid("input_price", "must not be negative", new CreateModelRequest("p/m1", "p", "m", new BigDecimal("-1"), one, null, 10, null));
        invalid("output_price", "is required", new CreateModelRequest("p/m1", "p", "m", one, null, null, 10, null));
        invalid("cached_input_price", "must have at most 6 decimal places",
                new CreateModelRequest("p/m1", "p", "m", one, one, new BigDecimal("0.0000001"), 10, null));
        invalid("max_output_tokens", "must be between 1 and 10000000", new CreateModelRequest("p/m1", "p", "m", one, one, null, -3, null));
        invalid("max_output_tokens", "is required", new CreateModelRequest("p/m1", "p", "m", one, one, null, null, null));
        valid(new UpdateModelRequest(null, null, null, Optional.of(new BigDecimal("0.8")), null, null, null));
        invalid("output_price", "is required", new UpdateModelRequest(null, null, null, Optional.empty(), null, null, null));
        invalid("max_output_tokens", "is required", new UpdateModelRequest(null, null, null, null, null, Optional.empty(), null));
        invalid("provider_id", "is required", new UpdateModelRequest(Optional.of(" "), null, null, null, null, null, null));
        valid(new CreateModelRequest("p/m1", "p", "m", one, one, null, 10, 0));
        invalid("image_tokens", "must be between 0 and 1000000", new CreateModelRequest("p/m1", "p", "m", one, one, null, 10, -1));
        invalid("image_tokens", "must be between 0 and 1000000", new CreateModelRequest("p/m1", "p", "m", one, one, null, 10, 1_000_001));
        invalid("image_tokens", "is required", new UpdateModelRequest(null, null, null, null, null, null, Optional.empty()));
    }
}
