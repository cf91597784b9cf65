package dev.policymatch.operator.inputs;

/**
 * How many objects an informer asks for per list request ({@code --list-page-size}): it then holds one
 * page of parsed objects at a time instead of the whole list when it starts or re-lists. A real API
 * server answers a paginated list from etcd rather than its watch cache, which costs the server more
 * per list; 0 asks for one unpaginated list.
 *
 * @param items objects per list request; 0: one unpaginated list
 */
public record ListPageSize(long items) {

    public static final String OPTION = "--list-page-size";
    public static final ListPageSize DEFAULT = new ListPageSize(500);
    public static final ListPageSize UNPAGINATED = new ListPageSize(0);

    /** @throws IllegalArgumentException with one line naming the option and the value when it is negative */
    public ListPageSize {
        if (items < 0) {
            throw new IllegalArgumentException(OPTION + " " + items
                    + ": expected a number of objects per list request, or 0 for one unpaginated list");
        }
    }

    /** The {@code limit} of a list request, as Fabric8 and JOSDK take it: null for an unpaginated list. */
    public Long limit() {
        return items == 0 ? null : items;
    }
}
