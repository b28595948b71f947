package chat.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list: the total, absolute links to the neighbouring pages (or null), the items. */
public record PageEnvelope<T>(
        long count,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String previous,
        List<T> results) {}
