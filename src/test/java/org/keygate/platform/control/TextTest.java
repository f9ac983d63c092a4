package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.keygate.platform.control.Validate.invalid;
import static org.keygate.platform.control.Validate.valid;

import org.junit.jupiter.api.Test;

/** {@link Text} (what {@code Check.required/optional} checked) and {@link Input#text}, what is stored. */
class TextTest {

    record Required(@Text(max = 100, required = true) String name) {
    }

    record Optional(@Text(max = 100) String group) {
    }

    record Short(@Text(max = 5, required = true) String name, @Text(max = 5) String project) {
    }

    record Named(@Text(max = 20, required = true, pattern = "[a-z]+", mismatch = "lower case letters only") String id,
            @Text(max = 20, allowBlank = false) String label) {
    }

    @Test
    void requiredRefusesNullAndBlankAndStoresTheStrippedText() {
        valid(new Required("  Platform team \n"));
        assertEquals("Platform team", Input.text("  Platform team \n"));
        invalid("name", "is required", new Required(null));
        invalid("name", "is required", new Required(""));
        invalid("name", "is required", new Required(" \t\n "));
        invalid("name", "is required", new Required("\u2003"));
    }

    @Test
    void optionalTurnsBlankIntoNull() {
        valid(new Optional(null));
        valid(new Optional(""));
        valid(new Optional("   "));
        assertNull(Input.text(null));
        assertNull(Input.text(""));
        assertNull(Input.text("   "));
        assertEquals("staging", Input.text(" staging "));
    }

    @Test
    void maxLengthCountsTheTrimmedText() {
        valid(new Short("abcde", null));
        valid(new Short("  abcde  ", null));
        invalid("name", "must be at most 5 characters", new Short("abcdef", null));
        invalid("project", "must be at most 5 characters", new Short("abc", "abcdef"));
    }

    @Test
    void refusesControlCharacters() {
        invalid("name", "must not contain control characters", new Required("a\u0000b"));
        invalid("name", "must not contain control characters", new Required("line\nbreak"));
        invalid("group", "must not contain control characters", new Optional("esc\u001b[31m"));
        invalid("group", "must not contain control characters", new Optional("del\u007f"));
        invalid("group", "must not contain control characters", new Optional("c1\u0085x"));
        valid(new Required("Zürich – 東京"));
    }

    @Test
    void aPatternIsCheckedOnTheStrippedTextAfterTheTextRules() {
        valid(new Named(" abc ", null));
        invalid("id", "lower case letters only", new Named("ABC", null));
        invalid("id", "must be at most 20 characters", new Named("A".repeat(21), null));
        invalid("id", "is required", new Named(" ", null));
    }

    @Test
    void withoutBlankNullIsNotGivenButBlankIsMissing() {
        valid(new Named("abc", null));
        invalid("label", "is required", new Named("abc", "  "));
        valid(new Named("abc", "Label"));
    }

    @Test
    void messagesQuotingInputAreNotTemplates() {
        record Quoted(@Cidr String ip) {
        }
        invalid("ip", "'${1+1}' is not an IP address or CIDR block", new Quoted("${1+1}"));
        invalid("ip", "'{jakarta.validation.constraints.NotNull.message}' is not an IP address or CIDR block",
                new Quoted("{jakarta.validation.constraints.NotNull.message}"));
        invalid("ip", "'10.0.0.300/8' is not a valid IPv4 address", new Quoted("10.0.0.300/8"));
        valid(new Quoted(null));
        valid(new Quoted(" 10.0.0.0/8 "));
    }
}
