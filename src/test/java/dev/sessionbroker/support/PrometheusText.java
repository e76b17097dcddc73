package dev.sessionbroker.support;

import java.util.ArrayList;
import java.util.List;

/** Reads sample values out of a Prometheus text exposition, as a scraper would. */
public final class PrometheusText {

    private final String body;

    public PrometheusText(String body) {
        this.body = body;
    }

    /**
     * The value of the one sample of {@code name} carrying all of {@code labels} (name, value
     * pairs; other labels may be present).
     * @throws AssertionError if there is none or more than one
     */
    public double value(String name, String... labels) {
        List<String> matches = new ArrayList<>();
        for (String line : this.body.split("\n")) {
            if (line.startsWith(name + "{") && hasLabels(line, labels)) {
                matches.add(line);
            }
            else if (labels.length == 0 && line.startsWith(name + " ")) {
                matches.add(line);
            }
        }
        if (matches.size() != 1) {
            throw new AssertionError("Expected one sample " + name + " " + List.of(labels) + " but found " + matches);
        }
        String line = matches.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static boolean hasLabels(String line, String... labels) {
        String labelSet = line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1);
        for (int i = 0; i < labels.length; i += 2) {
            String pair = labels[i] + "=\"" + labels[i + 1] + "\"";
            if (!labelSet.contains("{" + pair + ",") && !labelSet.contains("," + pair + ",")
                    && !labelSet.contains("," + pair + "}") && !labelSet.contains("{" + pair + "}")) {
                return false;
            }
        }
        return true;
    }
}
