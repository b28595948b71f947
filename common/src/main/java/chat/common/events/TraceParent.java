package chat.common.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code traceparent} of the work going on, for the outbox to keep with each event: the
 * publisher sends events later, on a thread of its own, where the writer's trace is no longer
 * current.
 */
@FunctionalInterface
public interface TraceParent {

    /** Where no tracer is configured: events carry no trace. */
    TraceParent NONE = () -> null;

    /** The current span's {@code traceparent} header value, or null outside a trace. */
    @Nullable
    String current();

    /** The {@code traceparent} that {@code propagator} writes for {@code tracer}'s current span. */
    static TraceParent of(Tracer tracer, Propagator propagator) {
        return () -> {
            Span span = tracer.currentSpan();
            if (span == null) {
                return null;
            }
            Map<String, String> headers = new HashMap<>(4);
            propagator.inject(span.context(), headers, Map::put);
            return headers.get(HEADER);
        };
    }

    /** The record header, named as in W3C Trace Context (also Kafka's usual name for it). */
    String HEADER = "traceparent";
}
