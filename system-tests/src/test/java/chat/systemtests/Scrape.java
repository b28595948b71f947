package chat.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scrape of a service's {@code /actuator/prometheus}: every sample of the text exposition
 * format by its series ({@code name{labels}}), and the names of the families it exports.
 */
record Scrape(Map<String, Double> samples) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Scrape of(URI actuator) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(actuator.resolve("prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(actuator + "prometheus answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Lines are {@code name value}, {@code name{labels} value}, or comments ({@code # HELP}, {@code # TYPE}). */
    static Scrape parse(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int labelsEnd = line.lastIndexOf('}');
            int split = line.indexOf(' ', labelsEnd < 0 ? 0 : labelsEnd);
            String value = line.substring(split + 1).trim().split(" ")[0];
            samples.put(line.substring(0, split), Double.parseDouble(value));
        }
        return new Scrape(samples);
    }

    /** The names of the sampled series, without labels. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.keySet().forEach(series -> {
            int labels = series.indexOf('{');
            names.add(labels < 0 ? series : series.substring(0, labels));
        });
        return names;
    }

    /**
     * The sum of the samples named {@code name} whose labels include every one of
     * {@code labels} (as written in the exposition: {@code key="value"}); 0 if there is none.
     */
    double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String series = sample.getKey();
            if (!series.equals(name) && !series.startsWith(name + "{")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                total += sample.getValue();
            }
        }
        return total;
    }
}
