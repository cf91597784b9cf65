package dev.policymatch.selector;

import java.util.LinkedHashMap;
import java.util.Map;

/** Label maps written the way test tables read best: {@code "a=b, c=d"}, {@code "{}"} for none. */
final class TestLabels {
    private TestLabels() {
    }

    /** Pairs separated by ", "; a pair splits at its first "=", so values may contain "=" or quotes. */
    static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.equals("{}")) {
            return labels;
        }
        for (String pair : text.split(", ")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not a label pair: " + pair);
            }
            labels.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return labels;
    }
}
