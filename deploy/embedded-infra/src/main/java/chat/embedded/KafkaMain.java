package chat.embedded;

import kafka.tools.StorageTool;

/**
 * The main class of the broker's child JVM: formats the log folder when it is new, then runs the
 * broker, so that a start costs one JVM rather than two. The broker stops when the JVM that
 * started it is gone, even if that one was killed without a chance to stop it.
 */
public final class KafkaMain {

    private KafkaMain() {}

    /** Arguments: the server.properties file and the cluster id. */
    public static void main(String[] args) {
        String config = args[0];
        String clusterId = args[1];
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        int formatted = StorageTool.execute(
                new String[] {"format", "--cluster-id", clusterId, "--config", config, "--ignore-formatted"},
                System.out);
        if (formatted != 0) {
            System.exit(formatted);
        }
        kafka.Kafka.main(new String[] {config});
    }
}
