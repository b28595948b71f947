package chat.common.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the event contract in the structured content mode of the CloudEvents Kafka binding:
 * the value is the whole event as JSON ({@link EventEnvelope}), and the {@value #CONTENT_TYPE}
 * header names that format, which is what lets a CloudEvents SDK's Kafka deserializer read the
 * record as an event. Consumers that read the value as JSON need nothing from the header. Every
 * producer of the contract's topics builds its records here, so that none goes out without it.
 */
public final class CloudEventRecords {

    /** The record header of the binding; the binary mode's {@code ce_*} headers are not used. */
    public static final String CONTENT_TYPE = "content-type";

    /** The media type of the CloudEvents JSON format: attributes and {@code data} in one object. */
    public static final String STRUCTURED_JSON = "application/cloudevents+json";

    private CloudEventRecords() {}

    /** A record of {@code event}, the JSON of an {@link EventEnvelope}, keyed by {@code key}. */
    public static ProducerRecord<String, String> of(String topic, String key, String event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, event);
        record.headers().add(CONTENT_TYPE, STRUCTURED_JSON.getBytes(StandardCharsets.US_ASCII));
        return record;
    }
}
