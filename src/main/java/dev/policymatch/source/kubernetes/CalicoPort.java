package dev.policymatch.source.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One destination port of a converted rule, as numorstring's {@code Port} holds it: a number, a range, or a
 * container port's name. Every Kubernetes policy kind Calico converts ends its ports here.
 */
record CalicoPort(String name, int min, int max) {
    static final int MAX_PORT = 65535;
    /** numorstring's named-port pattern ({@code api/pkg/lib/numorstring/port.go}). */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    static CalicoPort single(int port) {
        return new CalicoPort(null, port, port);
    }

    static CalicoPort named(String name) {
        return new CalicoPort(name, 0, 0);
    }

    boolean isNamed() {
        return name != null;
    }

    @Override
    public String toString() {
        return isNamed() ? name : min == max ? Integer.toString(min) : min + ":" + max;
    }

    /**
     * conversion.go {@code SimplifyPorts}: named ports first, in order, then the numbers sorted and
     * merged into ranges; a list with at most one number is kept as written.
     */
    static List<CalicoPort> simplify(List<CalicoPort> ports) {
        if (ports.size() <= 1) {
            return ports;
        }
        List<CalicoPort> output = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (CalicoPort port : ports) {
            if (port.isNamed()) {
                output.add(port);
            } else {
                for (int n = port.min(); n <= port.max(); n++) {
                    numbers.add(n);
                }
            }
        }
        if (numbers.size() <= 1) {
            return ports;
        }
        numbers.sort(null);
        int i = 0;
        while (i < numbers.size()) {
            int first = numbers.get(i);
            int last = first;
            i++;
            while (i < numbers.size() && numbers.get(i) <= last + 1) {
                last = numbers.get(i);
                i++;
            }
            output.add(new CalicoPort(null, first, last));
        }
        return output;
    }

    /** Each port as Calico prints it, for a rule's {@code ports}; none for "every port" (null). */
    static List<String> texts(List<CalicoPort> ports) {
        List<String> texts = new ArrayList<>();
        if (ports != null) {
            simplify(ports).forEach(port -> texts.add(port.toString()));
        }
        return texts;
    }
}
