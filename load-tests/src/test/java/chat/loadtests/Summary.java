package chat.loadtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The markdown summary of one run: printed at the end and kept in target/summary-<scenario>.md. */
final class Summary {

    private final String scenario;
    private final StringBuilder text = new StringBuilder();

    Summary(String scenario, String settings) {
        this.scenario = scenario;
        text.append("## load-tests: ")
                .append(scenario)
                .append(", ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores\n\n")
                .append(settings)
                .append("\n\n");
    }

    Summary section(String markdown) {
        if (markdown.isBlank()) {
            return this;
        }
        text.append(markdown.strip()).append("\n\n");
        return this;
    }

    /** Prints the summary and writes it to target/summary-<scenario>.md. */
    void write() {
        String markdown = text.toString().strip() + "\n";
        Path file = Settings.targetDir().resolve("summary-" + scenario + ".md");
        try {
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
        }
        System.out.println("\n" + "=".repeat(100) + "\n" + markdown + "\n(also in "
                + file.toAbsolutePath().normalize() + ")\n" + "=".repeat(100));
    }
}
