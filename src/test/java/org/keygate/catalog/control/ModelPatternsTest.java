package org.keygate.catalog.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/claude-sonnet-4-6", "openai/gpt-4o", "demo/echo", "meta-llama/Llama-3.1-8B",
            "x/y", "a.b_c-d/e:f", "openrouter/qwen2.5:72b"})
    void acceptsModelIds(String id) {
        assertTrue(ModelPatterns.isModelId(id), id);
        assertFalse(ModelPatterns.isPrefixPattern(id), "an exact id is not a prefix pattern: " + id);
    }

    @Test
    void acceptsModelIdsAtTheLengthLimits() {
        assertTrue(ModelPatterns.isModelId("p".repeat(64) + "/" + "m".repeat(128)));
        assertFalse(ModelPatterns.isModelId("p".repeat(65) + "/m"));
        assertFalse(ModelPatterns.isModelId("p/" + "m".repeat(129)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "anthropic", "anthropic/", "/claude", "Anthropic/claude", "-x/y", "x/-y",
            "anthropic/claude sonnet", " anthropic/claude", "anthropic/claude ", "a/b/c", "anthropic/*",
            "anthropic/claude,openai/gpt-4o", "anthropic/claudé", "anthropic\\claude", "anthropic/claude\n"})
    void refusesWhatIsNotAModelId(String id) {
        assertFalse(ModelPatterns.isModelId(id), id);
    }

    @Test
    void nullIsNeitherIdNorPattern() {
        assertFalse(ModelPatterns.isModelId(null));
        assertFalse(ModelPatterns.isPrefixPattern(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/*", "anthropic/claude-*", "anthropic*", "openai/gpt-4*", "demo/*", "a*",
            "openrouter/qwen2.5:*"})
    void acceptsTrailingStarPrefixes(String pattern) {
        assertTrue(ModelPatterns.isPrefixPattern(pattern), pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "/*", "*/claude", "anthropic/*/x", "anthropic/**", "anthropic/c*de", "Anthropic/*",
            "anthropic/ *", "anthropic/*,openai/*", "anthropic/claude", "anthropic/?", "a/b/*"})
    void refusesOtherWildcards(String pattern) {
        assertFalse(ModelPatterns.isPrefixPattern(pattern), pattern);
    }

    @Test
    void emptyListAllowsEveryModel() {
        assertTrue(ModelPatterns.allows(List.of(), "anthropic/claude-sonnet-4-6"));
        assertTrue(ModelPatterns.allows(List.of(), "demo/echo"));
    }

    @Test
    void exactEntriesAllowOnlyThatModel() {
        List<String> allowed = List.of("anthropic/claude-sonnet-4-6", "demo/echo");
        assertTrue(ModelPatterns.allows(allowed, "anthropic/claude-sonnet-4-6"));
        assertTrue(ModelPatterns.allows(allowed, "demo/echo"));
        assertFalse(ModelPatterns.allows(allowed, "anthropic/claude-sonnet-4-6-preview"));
        assertFalse(ModelPatterns.allows(allowed, "anthropic/claude-sonnet-4"));
        assertFalse(ModelPatterns.allows(allowed, "Anthropic/claude-sonnet-4-6"));
        assertFalse(ModelPatterns.allows(allowed, "openai/gpt-4o"));
    }

    @Test
    void prefixEntriesAllowEverythingThatStartsWithThePrefix() {
        List<String> allowed = List.of("anthropic/*", "openai/gpt-4*");
        assertTrue(ModelPatterns.allows(allowed, "anthropic/claude-sonnet-4-6"));
        assertTrue(ModelPatterns.allows(allowed, "anthropic/claude-opus-4"));
        assertTrue(ModelPatterns.allows(allowed, "openai/gpt-4o"));
        assertTrue(ModelPatterns.allows(allowed, "openai/gpt-4"));
        assertFalse(ModelPatterns.allows(allowed, "openai/gpt-3.5-turbo"));
        assertFalse(ModelPatterns.allows(allowed, "anthropic-evil/claude"), "anthropic/* must not match another provider");
        assertFalse(ModelPatterns.allows(allowed, "demo/echo"));
    }

    @Test
    void starIsOnlyAWildcardAtTheEndOfAnEntry() {
        assertFalse(ModelPatterns.allows(List.of("anthropic/claude"), "anthropic/claude-x"));
        assertTrue(ModelPatterns.allows(List.of("anthropic*"), "anthropic-other/x"), "a prefix without '/' is a plain prefix");
    }
}
