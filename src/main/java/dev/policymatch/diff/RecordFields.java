package dev.policymatch.diff;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The components of two records of one type that differ, by name. The model's component names are Calico's
 * spec field names ({@code selector}, {@code order}, {@code ingress}, {@code labelsToApply}, {@code expectedIPs}),
 * so the names are what a diff shows.
 */
public final class RecordFields {

    private RecordFields() {
    }

    /** The names of the components whose values differ, in declaration order; every one for records of two types. */
    public static List<String> changed(Record a, Record b) {
        List<String> changed = new ArrayList<>();
        if (a.getClass() != b.getClass()) {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                changed.add(component.getName());
            }
            return changed;
        }
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            if (!Objects.equals(value(component, a), value(component, b))) {
                changed.add(component.getName());
            }
        }
        return changed;
    }

    private static Object value(RecordComponent component, Record of) {
        try {
            return component.getAccessor().invoke(of);
        } catch (IllegalAccessException | InvocationTargetException e) {
            // The model's records are public with public accessors: this is a bug.
            throw new IllegalStateException("cannot read " + component.getName() + " of " + of.getClass(), e);
        }
    }
}
