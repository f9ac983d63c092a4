package org.keygate.platform.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.ConfigProvider;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.PayloadTooLarge;

/**
 * Reads request bodies into the API's request records: at most {@code keygate.api.max-body-bytes}
 * (413 beyond), strictly UTF-8 (JSON-P would silently turn other bytes into U+FFFD), then JSON-B
 * as {@link JsonRequests} configures it. An empty body is an empty request for records marked
 * {@link OptionalBody} and a 400 for the others.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonRequestReader implements MessageBodyReader<Record> {

    private final long maxBytes;

    public JsonRequestReader() {
        this(ConfigProvider.getConfig().getOptionalValue("keygate.api.max-body-bytes", Long.class).orElse(65_536L));
    }

    JsonRequestReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getName().startsWith("org.keygate.");
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new PayloadTooLarge(maxBytes);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInput(null, "malformed JSON: the body is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            if (type.isAnnotationPresent(OptionalBody.class)) {
                return JsonRequests.read("{}", type);
            }
            throw new InvalidInput(null, "a JSON object is required as the request body");
        }
        return JsonRequests.read(text, type);
    }
}
