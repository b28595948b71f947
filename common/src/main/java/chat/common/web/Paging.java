package chat.common.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Page-number pagination as the API's lists answer it (spec B.8): {@code page} from 1,
 * {@code page_size} from 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}; a larger one is
 * capped, an unreadable one ignored), and a page that is not a positive integer or lies past the
 * end is 404 "Invalid page.". A page whose first item would lie past {@link Integer#MAX_VALUE}
 * items is past the end of any list the API serves, and is refused before any query: the stores
 * take offsets as {@code int}.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final String INVALID_PAGE = "Invalid page.";

    public static Paging of(@Nullable String page, @Nullable String pageSize) {
        Paging paging = new Paging(page == null ? 1 : pageNumber(page), size(pageSize));
        if (paging.offset() > Integer.MAX_VALUE) {
            throw invalidPage();
        }
        return paging;
    }

    /** The size alone, for lists paged by cursor rather than by number. */
    public static int size(@Nullable String pageSize) {
        if (pageSize == null) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(pageSize.strip());
            return size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
        } catch (NumberFormatException ignored) {
            return DEFAULT_SIZE;
        }
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    /**
     * The envelope of one page of {@code count} items; refuses a page past the end (an empty first
     * page is a valid answer).
     */
    public <T> PageEnvelope<T> envelope(long count, List<T> results) {
        long pages = Math.max(1, (count + size - 1) / size);
        if (page > pages) {
            throw invalidPage();
        }
        return new PageEnvelope<>(
                count, page < pages ? linkTo(page + 1) : null, page > 1 ? linkTo(page - 1) : null, results);
    }

    /**
     * The current request's absolute URL (on the public address the gateway forwarded) with
     * {@code page} set and {@code page_size} kept.
     */
    private String linkTo(int target) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("page", target)
                .replaceQueryParam("page_size", size)
                .build()
                .toUriString();
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the refusal
        }
        throw invalidPage();
    }

    public static ResponseStatusException invalidPage() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, INVALID_PAGE);
    }
}
