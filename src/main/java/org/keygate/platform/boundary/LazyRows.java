package org.keygate.platform.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The admin pages' lazy table model: each table page is one {@link Page} from the same service
 * call the REST list makes, so paging, sorting and permissions happen in the database behind it.
 * A backing bean builds it from a {@link Loader} that reads its own filter fields at load time, and
 * a {@link RowKey}; both must be serializable because view-scoped beans are.
 */
public class LazyRows<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** One page of rows, or null when the service refused and the page already shows why. */
    @FunctionalInterface
    public interface Loader<T> extends Serializable {

        /**
         * @param sort the table's first sorted column as {@code field} or {@code -field} (descending),
         *             the field as the column's {@code sortBy} names it; null when unsorted
         */
        Page<T> load(PageRequest page, String sort);
    }

    /** The id of a row, unique in the table. */
    @FunctionalInterface
    public interface RowKey<T> extends Serializable {

        String of(T row);
    }

    private final Loader<T> loader;
    private final RowKey<T> rowKey;

    public LazyRows(Loader<T> loader, RowKey<T> rowKey) {
        this.loader = loader;
        this.rowKey = rowKey;
    }

    /** The total under the current filters, from a one-row page without sort. */
    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        Page<T> page = loader.load(new PageRequest(1, 1), null);
        return page == null ? 0 : total(page);
    }

    /** The table page starting at row {@code first}; the size is kept within 1..{@link PageRequest#MAX_SIZE}. */
    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        int size = Math.max(1, Math.min(pageSize, PageRequest.MAX_SIZE));
        Page<T> page = loader.load(new PageRequest(first / size + 1, size), sort(sortBy));
        if (page == null) {
            return List.of();
        }
        setRowCount(total(page));
        return page.items();
    }

    @Override
    public String getRowKey(T row) {
        return rowKey.of(row);
    }

    /** The row of the current page with that key, or null. */
    @Override
    public T getRowData(String key) {
        List<T> rows = getWrappedData();
        if (rows != null) {
            for (T row : rows) {
                if (rowKey.of(row).equals(key)) {
                    return row;
                }
            }
        }
        return null;
    }

    static String sort(Map<String, SortMeta> sortBy) {
        if (sortBy == null) {
            return null;
        }
        return sortBy.values().stream().filter(s -> s.getOrder() != SortOrder.UNSORTED).findFirst()
                .map(s -> (s.getOrder() == SortOrder.DESCENDING ? "-" : "") + s.getField()).orElse(null);
    }

    private static int total(Page<?> page) {
        return (int) Math.min(Integer.MAX_VALUE, page.total());
    }
}
