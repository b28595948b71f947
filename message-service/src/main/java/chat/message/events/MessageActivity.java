package chat.message.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Messages sent, edited and deleted, counted ({@code chat.messages.sent}, {@code .edited},
 * {@code .deleted}) and logged once their transaction commits: a change rolled back is neither.
 * The log line carries the request's trace id, the one the gateway answered with.
 */
@Component
class MessageActivity {

    private static final Logger log = LoggerFactory.getLogger(MessageActivity.class);

    private final Counter sent;
    private final Counter edited;
    private final Counter deleted;

    MessageActivity(MeterRegistry registry) {
        this.sent = counter(registry, "sent");
        this.edited = counter(registry, "edited");
        this.deleted = counter(registry, "deleted");
    }

    private static Counter counter(MeterRegistry registry, String change) {
        return Counter.builder("chat.messages." + change)
                .description("Messages " + change + ", counted at commit")
                .register(registry);
    }

    void sent(long message, long conversation, long seq) {
        afterCommit(() -> {
            sent.increment();
            log.info("Message {} sent in conversation {} as seq {}", message, conversation, seq);
        });
    }

    void edited(long message, long conversation, long seq) {
        afterCommit(() -> {
            edited.increment();
            log.info("Message {} edited in conversation {} as seq {}", message, conversation, seq);
        });
    }

    void deleted(long message, long conversation, long seq) {
        afterCommit(() -> {
            deleted.increment();
            log.info("Message {} deleted in conversation {} as seq {}", message, conversation, seq);
        });
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
