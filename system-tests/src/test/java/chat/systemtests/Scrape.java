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

    /**
     * Sample lines are {@code name value [timestamp]} or {@code name{labels} value [timestamp]},
     * where label values may hold spaces and braces; {@code # HELP} and {@code # TYPE} lines name
     * families, not series (a histogram family {@code x_seconds} has the samples
     * {@code x_seconds_bucket}, {@code _count} and {@code _sum}, which are what queries select).
     */
    static Scrape parse(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String raw : exposition.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int seriesEnd = line.indexOf('{') < 0 ? firstBlank(line) : closingBrace(line) + 1;
            String value = line.substring(seriesEnd).strip().split("\\s+")[0];
            samples.put(line.substring(0, seriesEnd), number(value));
        }
        return new Scrape(samples);
    }

    /** Go's float format: {@code +Inf} and {@code -Inf} besides what Java reads. */
    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static int firstBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return line.length();
    }

    /** The brace that closes the labels: braces inside quoted label values do not count. */
    private static int closingBrace(String line) {
        boolean quoted = false;
        for (int i = line.indexOf('{'); i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("labels not closed: " + line);
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
