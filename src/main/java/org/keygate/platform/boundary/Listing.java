package org.keygate.platform.boundary;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * The one way the services page a filtered entity list: the same WHERE clauses and parameters for
 * the page and for its total, then each entity mapped to its view.
 */
public final class Listing {

    private Listing() {
    }

    /**
     * @param where   JPQL conditions on {@code alias}, joined with AND (none = everything)
     * @param orderBy JPQL ORDER BY items, e.g. {@code "k.name ASC, k.id ASC"}
     */
    public static <E, V> Page<V> page(EntityManager em, Class<E> type, String alias, List<String> where,
            Map<String, Object> params, String orderBy, PageRequest page, Function<E, V> view) {
        String from = " FROM " + type.getSimpleName() + " " + alias
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        TypedQuery<E> query = em.createQuery("SELECT " + alias + from + " ORDER BY " + orderBy, type);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(" + alias + ")" + from, Long.class);
        params.forEach((name, value) -> {
            query.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<V> items = query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
                .map(view).toList();
        return new Page<>(items, page.page(), page.size(), count.getSingleResult());
    }
}
