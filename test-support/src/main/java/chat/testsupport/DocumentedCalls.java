package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running service for real and holds every answer against its OpenAPI document as it
 * arrives (see {@link ApiDocument#disagreements}); remembers which operations answered a 2xx, so
 * that a test can tell which ones it never saw succeed.
 */
public final class DocumentedCalls extends JsonCalls<DocumentedCalls.Reply> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiDocument document;
    private final Set<String> succeeded = new TreeSet<>();

    public DocumentedCalls(URI base, ApiDocument document) {
        super(() -> base);
        this.document = document;
    }

    /** An answer: its status and its body ({@code MissingNode} when it had none). */
    public record Reply(int status, JsonNode body) {}

    @Override
    Reply answer(String method, String path, ServiceCalls.Reply reply) {
        JsonNode parsed = reply.text().isEmpty() ? null : JSON.readTree(reply.text());
        assertThat(document.disagreements(method, path, reply.status(), reply.mediaType(), parsed))
                .as("%s %s answered %s", method, path, reply)
                .isEmpty();
        if (reply.status() / 100 == 2) {
            document.operation(method, path).ifPresent(op -> succeeded.add(op.key()));
        }
        return new Reply(reply.status(), parsed == null ? JSON.missingNode() : parsed);
    }

    /** The documented operations that no call so far saw succeed. */
    public Set<String> neverSucceeded() {
        Set<String> missing = new TreeSet<>(document.operations());
        missing.removeAll(succeeded);
        return missing;
    }
}
