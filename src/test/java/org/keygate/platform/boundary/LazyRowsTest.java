package org.keygate.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** The table model the admin pages share: table pages to service pages, the sort, the row keys. */
class LazyRowsTest {

    record Row(String id) implements Serializable {
    }

    /** Stands for a view-scoped backing bean: its filter field is read when a page loads. */
    static class Bean implements Serializable {

        private static final long serialVersionUID = 1L;

        String filter = "open";
        long total = 7;
        final List<String> calls = new ArrayList<>();

        Page<Row> list(PageRequest page, String sort) {
            calls.add(filter + " " + page.page() + "x" + page.size() + " " + sort);
            return "bad".equals(filter) ? null : new Page<>(List.of(new Row("a"), new Row("b")), page.page(), page.size(), total);
        }

        final LazyRows<Row> rows = new LazyRows<>(this::list, Row::id);
    }

    @Test
    void aTablePageIsOneServicePage() {
        Bean bean = new Bean();

        assertEquals(List.of(new Row("a"), new Row("b")), bean.rows.load(50, 25, Map.of(), Map.of()));
        assertEquals(7, bean.rows.getRowCount());
        bean.rows.load(400, 1000, Map.of(), Map.of());
        bean.rows.load(0, 0, Map.of(), Map.of());
        assertEquals(List.of("open 3x25 null", "open 3x200 null", "open 1x1 null"), bean.calls,
                "page from the first row; size kept within 1..200");
    }

    @Test
    void theCountIsTheTotalOfAOneRowPageUnderTheCurrentFilter() {
        Bean bean = new Bean();
        bean.filter = "acknowledged";

        assertEquals(7, bean.rows.count(Map.of()));
        assertEquals(List.of("acknowledged 1x1 null"), bean.calls);
        bean.total = 3L + Integer.MAX_VALUE;
        assertEquals(Integer.MAX_VALUE, bean.rows.count(Map.of()), "a total beyond int is clipped, not wrapped");
    }

    @Test
    void aRefusedPageShowsNoRowsAndLeavesTheCount() {
        Bean bean = new Bean();
        bean.filter = "bad";

        assertEquals(0, bean.rows.count(Map.of()));
        bean.rows.setRowCount(5); // as a count that succeeded just before would have set it
        assertEquals(List.of(), bean.rows.load(0, 25, Map.of(), Map.of()));
        assertEquals(5, bean.rows.getRowCount(), "the table keeps the count it was given");
    }

    @Test
    void theFirstSortedColumnIsPassedAsFieldOrMinusField() {
        Bean bean = new Bean();
        Map<String, SortMeta> sort = new LinkedHashMap<>();
        sort.put("name", SortMeta.builder().field("name").order(SortOrder.UNSORTED).build());
        sort.put("lastUsedAt", SortMeta.builder().field("lastUsedAt").order(SortOrder.DESCENDING).build());
        bean.rows.load(0, 25, sort, Map.of());
        bean.rows.load(0, 25, Map.of("name", SortMeta.builder().field("name").order(SortOrder.ASCENDING).build()),
                Map.of());
        bean.rows.load(0, 25, null, Map.of());

        assertEquals(List.of("open 1x25 -lastUsedAt", "open 1x25 name", "open 1x25 null"), bean.calls);
    }

    @Test
    void rowsAreFoundByTheirKeyOnTheCurrentPage() {
        Bean bean = new Bean();
        bean.rows.setWrappedData(bean.rows.load(0, 25, Map.of(), Map.of()));

        assertEquals("b", bean.rows.getRowKey(new Row("b")));
        assertEquals(new Row("b"), bean.rows.getRowData("b"));
        assertNull(bean.rows.getRowData("z"));
    }

    @Test
    void survivesSerialisationWithItsBean() throws Exception {
        Bean bean = new Bean();
        bean.filter = "acknowledged";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(bean);
        }
        Bean back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Bean) in.readObject();
        }
        back.filter = "open";

        assertEquals(2, back.rows.load(25, 25, Map.of(), Map.of()).size());
        assertEquals(List.of("open 2x25 null"), back.calls, "the restored model reads the restored bean's filter");
    }
}
