package org.keygate.platform.boundary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Timeout;
import org.keygate.catalog.boundary.CreateModelRequest;
import org.keygate.catalog.boundary.UpdateProviderRequest;
import org.keygate.keys.boundary.CreateKeyRequest;
import org.keygate.keys.boundary.RotateKeyRequest;
import org.keygate.keys.boundary.UpdateKeyRequest;
import org.keygate.monitoring.boundary.CreateWebhookRequest;
import org.keygate.platform.control.KeygateException;
import org.keygate.team.boundary.CreateMemberRequest;
import org.keygate.team.boundary.LedgerRequest;
import org.keygate.team.boundary.UpdateMemberRequest;
import org.keygate.team.boundary.UpdateTeamRequest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile bodies for the management API's JSON reading: whatever the bytes, the answer is a
 * request record or one of Keygate's typed refusals (400 or 413 with a field), never another
 * exception (which would be a 500). Runs the committed corpus on every build; fuzzes with
 * {@code JAZZER_FUZZ=1} (see docs/testing.md).
 */
class JsonRequestReaderFuzzTest {

    private static final List<Class<? extends Record>> TYPES = List.of(CreateKeyRequest.class, UpdateKeyRequest.class,
            RotateKeyRequest.class, CreateMemberRequest.class, UpdateMemberRequest.class, UpdateTeamRequest.class,
            LedgerRequest.class, CreateWebhookRequest.class, CreateModelRequest.class, UpdateProviderRequest.class);

    private final JsonRequestReader reader = new JsonRequestReader(4_096);

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anyBodyIsARecordOrATypedRefusal(FuzzedDataProvider data) throws IOException {
        Class<? extends Record> type = data.pickValue(TYPES);
        byte[] body = data.consumeRemainingAsBytes();
        try {
            Record record = read(type, body);
            if (record == null || record.getClass() != type) {
                throw new AssertionError("read " + record + " for " + type.getSimpleName());
            }
        } catch (KeygateException refused) {
            // a 4xx problem with a field: what the API answers
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Record read(Class<? extends Record> type, byte[] body) throws IOException {
        return reader.readFrom((Class) type, null, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null,
                new ByteArrayInputStream(body));
    }
}
