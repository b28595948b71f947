package chat.conversation.previews;

import org.jspecify.annotations.Nullable;

/**
 * In which order a conversation's message events are applied to its previews: by the
 * conversation's gapless {@code seq}, whichever way an event arrives, so that Kafka and the
 * writer's own write-through (ADR 0009) never apply one twice or one before its predecessor.
 */
final class EventOrder {

    private EventOrder() {}

    /** How the event arrived. */
    enum Delivery {
        /** From the topic: a conversation's records come in order, from one partition. */
        KAFKA,
        /** Written through by the writer right after its commit: may overtake an earlier one. */
        PUSHED
    }

    enum Action {
        /** Already applied (this seq or a later one): nothing to do. */
        SKIP,
        /** The next one: apply it. */
        APPLY,
        /** Pushed ahead of events not applied yet: fetch those first, or leave it to Kafka. */
        FILL_GAP,
        /** No known seq for the conversation: apply unless its event id was seen before. */
        APPLY_IF_NEW
    }

    /**
     * @param action what to do with the event
     * @param appliedSeq the conversation's applied seq once the action is done (null: unknown)
     */
    record Decision(Action action, @Nullable Long appliedSeq) {}

    /**
     * What to do with the event of {@code seq} for a conversation whose events up to
     * {@code applied} are applied ({@code null} if not known: rows from before the seq was kept).
     */
    static Decision decide(@Nullable Long applied, long seq, Delivery delivery) {
        if (applied == null) {
            // Kafka has brought every earlier event of the conversation in order: from here on its
            // seq is known. A pushed event may have overtaken others, so it does not set it.
            return new Decision(Action.APPLY_IF_NEW, delivery == Delivery.KAFKA ? seq : null);
        }
        if (seq <= applied) {
            return new Decision(Action.SKIP, applied);
        }
        if (seq == applied + 1) {
            return new Decision(Action.APPLY, seq);
        }
        if (delivery == Delivery.PUSHED) {
            return new Decision(Action.FILL_GAP, applied);
        }
        // The topic itself skips a seq only where an event went to the dead-letter topic: waiting
        // for it would stop the conversation's previews for good, so the order goes on without it.
        return new Decision(Action.APPLY, seq);
    }
}
