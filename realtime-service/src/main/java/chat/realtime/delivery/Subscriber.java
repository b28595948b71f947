package chat.realtime.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One socket of a conversation and the last {@code seq} it was sent. A socket resuming with
 * {@code since_seq} holds live events back while the missed ones are replayed, then sends what it
 * held that is newer: the two streams join without a gap or a repeat.
 */
public final class Subscriber {

    private final Outbound out;
    private final long userId;
    private long lastSeq;
    private boolean catchingUp;
    private final List<ServerEvent> held = new ArrayList<>();

    Subscriber(Outbound out, long userId, long lastSeq, boolean catchingUp) {
        this.out = out;
        this.userId = userId;
        this.lastSeq = lastSeq;
        this.catchingUp = catchingUp;
    }

    Outbound out() {
        return out;
    }

    long userId() {
        return userId;
    }

    /** An event outside the sequence (typing): sent now, or dropped while catching up. */
    synchronized void offerEphemeral(String text) {
        if (!catchingUp) {
            out.sendText(text);
        }
    }

    synchronized void offer(ServerEvent event) {
        if (catchingUp) {
            held.add(event);
        } else {
            send(event, true);
        }
    }

    /** The replayed events, then the live ones held meanwhile. */
    public synchronized void caughtUp(List<ServerEvent> replayed) {
        replayed.forEach(event -> send(event, false));
        goLive();
    }

    /**
     * The missed events are no longer kept: the client must reload over REST (spec B.15); its
     * {@code resync_required} frame goes first, then the live events held meanwhile.
     */
    public synchronized void resyncRequired(String frame) {
        out.sendText(frame);
        goLive();
    }

    private void goLive() {
        held.sort(Comparator.comparingLong(ServerEvent::seq));
        held.forEach(event -> send(event, true));
        held.clear();
        catchingUp = false;
    }

    /** A replayed event is delivered but not timed: its age is the client's absence, not our latency. */
    private void send(ServerEvent event, boolean live) {
        if (event.seq() <= lastSeq) {
            return;
        }
        lastSeq = event.seq();
        out.sendEvent(event.text(), live ? event.createdAtMillis() : 0);
    }
}
