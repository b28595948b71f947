package chat.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list: the total, absolute links to the neighbouring pages (or null), the items. */
public record PageEnvelope<T>(
        @Schema(description = "How many items the whole list has", example = "100")
        long count,

        @Schema(
                description = "The next page's absolute URL, or null on the last page",
                example = "https://yourdomain.com/api/conversations/1/messages/?page=3&page_size=20")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Nullable
        String next,

        @Schema(
                description = "The previous page's absolute URL, or null on the first page",
                example = "https://yourdomain.com/api/conversations/1/messages/?page=1&page_size=20")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Nullable
        String previous,

        List<T> results) {}
