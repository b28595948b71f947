package chat.systemtests;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running stack for every system test class of the test JVM: started fresh by the first class
 * that needs it, stopped when the test run ends. Starting it takes half a minute; tests keep
 * their data apart by registering their own users.
 */
final class SharedStack implements BeforeAllCallback {

    static final Path DATA = RunningStack.ROOT.resolve("system-tests/target/stack-data");
    private static RunningStack stack;

    static synchronized RunningStack get() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedStack.class)");
        }
        return stack;
    }

    /** The restart test replaces the stack with its restarted self. */
    static synchronized void replace(RunningStack restarted) {
        stack = restarted;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedStack.class) {
            if (stack == null) {
                stack = RunningStack.start(DATA, true);
                System.out.printf("stack ready in %.1f s%n", stack.startup.toMillis() / 1000.0);
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedStack.class, (AutoCloseable)
                        () -> get().close());
            }
        }
    }
}
