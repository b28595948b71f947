package chat.localstack;

/** A part of the stack that could not start; the launcher reports it, stops everything and exits. */
final class StartFailure extends RuntimeException {

    StartFailure(String message) {
        super(message);
    }

    StartFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** A child that exited or never answered, with the end of its log so the cause is on screen. */
    StartFailure(ChildProcess child, String what) {
        super(child.name() + " " + what + "; last lines of " + child.log() + ":" + System.lineSeparator()
                + child.tail(30));
    }
}
