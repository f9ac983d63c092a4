package org.keygate.platform.boundary;

import org.keygate.platform.control.InvalidInput;

/**
 * {@code page} and {@code size} query parameters, parsed here rather than by JAX-RS so that a
 * bad value is a 400 naming the parameter instead of a bare 404.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 200;

    public static PageRequest of(String page, String size) {
        return new PageRequest(parse("page", page, 1, Integer.MAX_VALUE / MAX_SIZE, 1),
                parse("size", size, 1, MAX_SIZE, 50));
    }

    public int offset() {
        return (page - 1) * size;
    }

    private static int parse(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInput(name, "must be an integer between " + min + " and " + max);
    }
}
