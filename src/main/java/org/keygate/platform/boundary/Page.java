package org.keygate.platform.boundary;

import java.util.List;

/** Every list answer: one page of items and where it sits ({@code page} starts at 1). */
public record Page<T>(List<T> items, int page, int size, long total) {
}
