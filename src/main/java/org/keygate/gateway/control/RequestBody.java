package org.keygate.gateway.control;

import java.io.ByteArrayInputStream;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * The top-level walk of a relayed request body with a streaming parser, building no JSON tree:
 * {@code model} (and where its value lies, for {@link UpstreamBody}) is read here, every other
 * field is offered to the endpoint's {@link Fields} and skipped — still fully syntax-checked —
 * when it does not want it. Any malformed input ends as 400 {@code invalid_request}.
 */
final class RequestBody {

    /** An endpoint's reader of the top-level fields it needs. */
    interface Fields {

        /** Reads {@code field}'s value (its first event is {@code value}); false leaves it to be skipped. */
        boolean read(String field, JsonParser.Event value, JsonParser parser);
    }

    /** The model and the stream offsets after its key and after its value. */
    record Model(String name, long keyEnd, long valueEnd) {
    }

    private RequestBody() {
    }

    static Model walk(byte[] body, int length, JsonProvider json, Fields fields) {
        String model = null;
        long modelKeyEnd = -1;
        long modelValueEnd = -1;
        try (JsonParser parser = json.createParser(new ByteArrayInputStream(body, 0, length))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new GatewayException(GatewayError.INVALID_REQUEST, "the request body must be a JSON object");
            }
            while (true) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String field = parser.getString();
                if ("model".equals(field)) {
                    long keyEnd = parser.getLocation().getStreamOffset();
                    if (parser.next() != JsonParser.Event.VALUE_STRING || parser.getString().isEmpty()) {
                        throw JsonFields.required("model", "a string");
                    }
                    model = parser.getString();
                    modelKeyEnd = keyEnd;
                    modelValueEnd = parser.getLocation().getStreamOffset();
                    continue;
                }
                JsonParser.Event value = parser.next();
                if (!fields.read(field, value, parser)) {
                    JsonFields.skip(parser, value);
                }
            }
            if (parser.hasNext()) {
                throw JsonFields.notJson();
            }
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) { // JsonParsingException, NoSuchElementException at a cut-off body, …
            throw JsonFields.notJson();
        }
        if (model == null) {
            throw JsonFields.required("model", "a string");
        }
        return new Model(model, modelKeyEnd, modelValueEnd);
    }

    /**
     * A prompt or input that may be a string, an array of strings, an array of token ids, or an
     * array of token-id arrays (embeddings, legacy completions): its texts go to {@code texts},
     * each token array's length to the answer's token count; answers how many prompts it holds.
     */
    static int textsOrTokens(JsonParser parser, JsonParser.Event value, String field, java.util.List<String> texts,
            long[] tokens) {
        if (value == JsonParser.Event.VALUE_STRING) {
            texts.add(parser.getString());
            return 1;
        }
        if (value != JsonParser.Event.START_ARRAY) {
            throw shape(field);
        }
        int prompts = 0;
        boolean ids = false;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
            if (e == JsonParser.Event.VALUE_STRING && !ids) {
                texts.add(parser.getString());
                prompts++;
            } else if (e == JsonParser.Event.VALUE_NUMBER && parser.isIntegralNumber() && prompts == 0) {
                ids = true;
                tokens[0]++;
            } else if (e == JsonParser.Event.START_ARRAY && !ids) {
                long n = tokenIds(parser, field);
                if (n == 0) {
                    throw shape(field);
                }
                tokens[0] += n;
                prompts++;
            } else {
                throw shape(field);
            }
        }
        if (prompts == 0 && !ids) {
            throw shape(field);
        }
        return ids ? 1 : prompts;
    }

    private static long tokenIds(JsonParser parser, String field) {
        long n = 0;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
            if (e != JsonParser.Event.VALUE_NUMBER || !parser.isIntegralNumber()) {
                throw shape(field);
            }
            n++;
        }
        return n;
    }

    private static GatewayException shape(String field) {
        return new GatewayException(GatewayError.INVALID_REQUEST, "'" + field + "' must be a string, a non-empty array of"
                + " strings, an array of token ids or an array of token-id arrays", field);
    }
}
