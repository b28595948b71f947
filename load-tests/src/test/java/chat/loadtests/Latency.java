package chat.loadtests;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Renders HdrHistograms of microseconds as milliseconds. */
final class Latency {

    private Latency() {}

    static String ms(Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return "–";
        }
        return format(micros.getValueAtPercentile(percentile) / 1000.0);
    }

    static String max(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return "–";
        }
        return format(micros.getMaxValue() / 1000.0);
    }

    /** The table cells {@code p50 | p90 | p99 | max} (without the outer bars). */
    static String cells(Histogram micros) {
        return ms(micros, 50) + " | " + ms(micros, 90) + " | " + ms(micros, 99) + " | " + max(micros);
    }

    private static String format(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : "%.1f", ms);
    }
}
