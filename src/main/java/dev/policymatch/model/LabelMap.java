package dev.policymatch.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * An immutable map of labels, sorted by key, in a quarter of the memory of a {@link java.util.TreeMap}: the keys
 * and values sit in two sorted arrays, and a small open-addressing table of positions finds a key by its hash,
 * as fast as a {@link java.util.HashMap}. Keys and values are {@linkplain String#intern() interned}: across an
 * estate the same label keys and values (namespaces, apps, environments) recur on thousands of endpoints, and
 * each endpoint is held in several maps (its resource's labels, its effective labels), so one copy of each string
 * is what lets 100,000 endpoints fit in the operator's heap (docs/benchmarks.md, "Operator at scale").
 *
 * <p>Equal to any map with the same entries, as {@link Map#equals} asks; iterates in key order, and its views
 * ({@link #headMap}, {@link #subMap}, {@link #tailMap}) are copies, which an immutable map makes the same thing.
 */
public final class LabelMap extends AbstractMap<String, String> implements SortedMap<String, String> {

    public static final LabelMap EMPTY = new LabelMap(new String[0], new String[0]);

    /** Positions are kept in bytes (0 for empty, else position + 1), so a table indexes up to this many labels. */
    private static final int MAX_HASHED = Byte.MAX_VALUE;

    private final String[] keys;
    private final String[] values;
    /** Hash slot → position + 1; null for a map too large to index, which is searched by key instead. */
    private final byte[] slots;
    private int hash;

    private LabelMap(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
        this.slots = keys.length == 0 || keys.length > MAX_HASHED ? null : slots(keys);
    }

    /**
     * These labels as a label map ({@code labels} itself if it is one); neither keys nor values may be null.
     *
     * @throws NullPointerException for a null key or value, naming the other half
     */
    public static LabelMap copyOf(Map<String, String> labels) {
        if (labels instanceof LabelMap map) {
            return map;
        }
        if (labels == null || labels.isEmpty()) {
            return EMPTY;
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] entries = labels.entrySet().toArray(new Map.Entry[0]);
        if (!(labels instanceof SortedMap<String, String> sorted && sorted.comparator() == null)) {
            Arrays.sort(entries, Map.Entry.comparingByKey(Comparator.nullsFirst(Comparator.naturalOrder())));
        }
        String[] keys = new String[entries.length];
        String[] values = new String[entries.length];
        for (int i = 0; i < entries.length; i++) {
            String key = entries[i].getKey();
            String value = entries[i].getValue();
            Objects.requireNonNull(key, () -> "a label with no key (value " + value + ")");
            Objects.requireNonNull(value, () -> "label " + key + " has no value");
            keys[i] = key.intern();
            values[i] = value.intern();
        }
        return new LabelMap(keys, values);
    }

    private static byte[] slots(String[] keys) {
        byte[] slots = new byte[Integer.highestOneBit(keys.length) << 2];
        int mask = slots.length - 1;
        for (int i = 0; i < keys.length; i++) {
            int slot = spread(keys[i].hashCode()) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (byte) (i + 1);
        }
        return slots;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** The position of {@code key}, or a negative number. */
    private int indexOf(Object key) {
        if (!(key instanceof String wanted)) {
            return -1;
        }
        if (slots == null) {
            return keys.length == 0 ? -1 : Arrays.binarySearch(keys, wanted);
        }
        int mask = slots.length - 1;
        for (int slot = spread(wanted.hashCode()) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int index = slots[slot] - 1;
            if (keys[index].equals(wanted)) {
                return index;
            }
        }
        return -1;
    }

    @Override
    public String get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(keys[index], values[index]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && keys.length > 0) {
            for (int i = 0; i < keys.length; i++) {
                h += keys[i].hashCode() ^ values[i].hashCode();
            }
            hash = h;
        }
        return h;
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public SortedMap<String, String> subMap(String fromKey, String toKey) {
        if (fromKey.compareTo(toKey) > 0) {
            throw new IllegalArgumentException("fromKey " + fromKey + " is after toKey " + toKey);
        }
        return range(lowerBound(fromKey), lowerBound(toKey));
    }

    @Override
    public SortedMap<String, String> headMap(String toKey) {
        return range(0, lowerBound(toKey));
    }

    @Override
    public SortedMap<String, String> tailMap(String fromKey) {
        return range(lowerBound(fromKey), keys.length);
    }

    /** The first position whose key is at or after {@code key}. */
    private int lowerBound(String key) {
        int found = Arrays.binarySearch(keys, Objects.requireNonNull(key));
        return found >= 0 ? found : -found - 1;
    }

    private LabelMap range(int from, int to) {
        return from == 0 && to == keys.length ? this
                : from >= to ? EMPTY
                : new LabelMap(Arrays.copyOfRange(keys, from, to), Arrays.copyOfRange(values, from, to));
    }

    @Override
    public String firstKey() {
        if (keys.length == 0) {
            throw new NoSuchElementException();
        }
        return keys[0];
    }

    @Override
    public String lastKey() {
        if (keys.length == 0) {
            throw new NoSuchElementException();
        }
        return keys[keys.length - 1];
    }
}
