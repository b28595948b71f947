package chat.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code limit} requests in progress; one more waits up to {@code wait} for a place, then
 * is answered 503 with {@code Retry-After}. Every request runs on a virtual thread, so nothing
 * else bounds how many are in progress: past what the database pool can serve, the waiting ones
 * only pile up until the heap is gone and the process with them. Shedding the surplus keeps the
 * requests in progress fast and the process alive. Health and metrics are never held back.
 */
public class RequestLimit extends OncePerRequestFilter {

    private final Semaphore places;
    private final int limit;
    private final Duration wait;

    public RequestLimit(int limit, Duration wait) {
        this.places = new Semaphore(limit);
        this.limit = limit;
        this.wait = wait;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", "1");
            response.setContentType(ProblemWriter.CONTENT_TYPE);
            response.getOutputStream()
                    .write(ProblemWriter.body(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "The service is busy with " + limit + " requests; try again in a moment."));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }

    /** Places free now, for tests. */
    int available() {
        return places.availablePermits();
    }
}
