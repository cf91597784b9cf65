package dev.policymatch.scale;

/** Reads samples from the Prometheus text exposition format, which is all the scale driver needs of it. */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of the values of every sample of metric {@code name} (any labels): the samples of
     * {@code operator_sdk_reconciliations_success_total} of all controllers, say. 0 when there is none.
     */
    static double sum(String exposition, String name) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            int labelsEnd = rest.startsWith("{") ? rest.lastIndexOf('}') + 1 : 0;
            String[] valueAndTime = rest.substring(labelsEnd).trim().split("\\s+");
            total += Double.parseDouble(valueAndTime[0]);
        }
        return total;
    }
}
