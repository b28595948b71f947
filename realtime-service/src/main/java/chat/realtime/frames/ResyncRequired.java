package chat.realtime.frames;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code resync_required}: the events a resuming socket missed are no longer kept (spec B.15). */
public record ResyncRequired() {

    @JsonProperty("type")
    public String type() {
        return "resync_required";
    }
}
