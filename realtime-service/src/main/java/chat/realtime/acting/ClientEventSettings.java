package chat.realtime.acting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many client events one user may have carried out (spec B.18): at most {@code limit} in a
 * row, refilled steadily at {@code limit} per {@code period}. The default, 200 per 10 s, is far
 * above what a person types, and lets a client flush a queue of unsent messages after a reconnect.
 *
 * @param limit the most events in a row, and how many the period refills
 * @param period how long it takes to refill the whole limit
 */
@ConfigurationProperties("chat.realtime.client-events")
public record ClientEventSettings(
        @DefaultValue("200") int limit, @DefaultValue("10s") Duration period) {

    public ClientEventSettings {
        if (limit < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "chat.realtime.client-events needs a limit of at least 1 and a positive period");
        }
    }
}
