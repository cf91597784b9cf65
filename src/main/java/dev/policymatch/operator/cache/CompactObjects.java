package dev.policymatch.operator.cache;

import dev.policymatch.model.LabelMap;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a Fabric8 object that a cache keeps smaller without changing what it says. Fabric8's model classes start
 * every list and map field as a new {@code ArrayList} or {@code LinkedHashMap} (a Pod holds 21 lists and 9 maps, almost
 * all empty), and Jackson reads each string anew, so a cached pod spent ~900 bytes on empty collections and as much
 * again on copies of the same namespace, node, service account and label values. Here empty collections become
 * the shared immutable empties, lists become immutable copies without spare capacity, maps of strings (labels,
 * annotations) become {@link LabelMap}s, and strings are {@linkplain String#intern() interned}.
 *
 * <p>Only for objects that no one changes afterwards: what an informer's cache keeps (the trimmed inputs, the
 * recorded reports), which JOSDK and our reconcilers read only (JOSDK clones a primary before a reconciler sees
 * it; the report writer copies a cached report before it sends it). A field Java does not let us set stays as
 * it is.
 */
public final class CompactObjects {

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && isModel(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && accessible(field)) {
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private CompactObjects() {
    }

    /** {@code object}, compacted in place. */
    public static <T> T compact(T object) {
        if (object != null && isModel(object.getClass())) {
            compactFields(object);
        }
        return object;
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        // Fabric8's model classes, its CustomResource (a report's metadata is a field of it), and ours.
        return name.startsWith("io.fabric8.kubernetes.") || name.startsWith("dev.policymatch.");
    }

    private static boolean accessible(Field field) {
        try {
            field.setAccessible(true);
            return true;
        } catch (InaccessibleObjectException | SecurityException e) {
            return false;
        }
    }

    private static void compactFields(Object object) {
        for (Field field : FIELDS.get(object.getClass())) {
            try {
                Object value = field.get(object);
                Object compacted = compactValue(value);
                if (compacted != value && field.getType().isInstance(compacted)) {
                    field.set(object, compacted);
                }
            } catch (IllegalAccessException e) {
                // left as it is: compacting is an optimisation
            }
        }
    }

    private static Object compactValue(Object value) {
        if (value instanceof String text) {
            return text.intern();
        }
        if (value instanceof List<?> list) {
            return compactList(list);
        }
        if (value instanceof Map<?, ?> map) {
            return compactMap(map);
        }
        if (value != null && isModel(value.getClass())) {
            compactFields(value);
        }
        return value;
    }

    private static List<?> compactList(List<?> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<Object> compacted = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element == null) {
                return list; // List.copyOf takes no nulls
            }
            compacted.add(compactValue(element));
        }
        return List.copyOf(compacted);
    }

    private static Map<?, ?> compactMap(Map<?, ?> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        boolean strings = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            strings &= entry.getKey() instanceof String && entry.getValue() instanceof String;
        }
        if (strings) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) map;
            return LabelMap.copyOf(labels);
        }
        // Any other map keeps its order (a generic resource's spec is one): the same kind of map, values compacted.
        Map<Object, Object> compacted = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
        map.forEach((key, value) -> compacted.put(key instanceof String text ? text.intern() : key, compactValue(value)));
        return compacted;
    }
}
