package org.keygate.catalog.boundary;

/** Bounds and messages the catalogue's request records share. */
final class CatalogLimits {

    static final int MAX_OUTPUT_TOKENS = 10_000_000;
    static final String OUTPUT = "must be between 1 and " + MAX_OUTPUT_TOKENS;
    static final int MAX_IMAGE_TOKENS = 1_000_000;
    static final String IMAGE = "must be between 0 and " + MAX_IMAGE_TOKENS;
    static final String PROVIDER_ID_MESSAGE = "must be lower case letters, digits, '.', '_' or '-' (at most 64), e.g. openai";
    static final String MODEL_ID_MESSAGE = "must look like provider/model-name, e.g. openai/gpt-4o-mini";

    private CatalogLimits() {
    }
}
