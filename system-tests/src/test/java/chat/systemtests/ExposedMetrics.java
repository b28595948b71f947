package chat.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Metric names as Prometheus stores them: those of the samples of a text exposition, and those of
 * deploy/observability/exported-metrics.txt, which the dashboard and the alert rules query.
 */
final class ExposedMetrics {

    /** A sample line: {@code name{labels} value [timestamp]} or {@code name value [timestamp]}. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{|\\s)");

    static final Path LIST = RunningStack.ROOT.resolve("deploy/observability/exported-metrics.txt");

    private ExposedMetrics() {}

    /**
     * The names of the samples in a text exposition. {@code # HELP} and {@code # TYPE} lines name
     * families, not series: a histogram's family {@code x_seconds} has the samples
     * {@code x_seconds_bucket}, {@code _count} and {@code _sum}, which are what a query selects.
     */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (sample.find()) {
                names.add(sample.group(1));
            }
        }
        return names;
    }

    /** The names of exported-metrics.txt: one a line, blank lines and # comments left out. */
    static Set<String> queried() throws IOException {
        return Files.readAllLines(LIST).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
