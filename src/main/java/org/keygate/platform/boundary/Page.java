package org.keygate.platform.boundary;

import java.util.List;

/** Every list answer: one page of items and where it sits ({@code page} starts at 1). */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The page {@code request} asks for of a list that is small and whole already (a team's webhooks). */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), (long) request.offset());
        int to = (int) Math.min(all.size(), (long) from + request.size());
        return new Page<>(List.copyOf(all.subList(from, to)), request.page(), request.size(), all.size());
    }
}
