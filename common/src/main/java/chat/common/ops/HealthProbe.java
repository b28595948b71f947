package chat.common.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The container health check of every service and the gateway: asks the service's own actuator
 * whether it is ready (or, with the argument {@code liveness}, alive) and exits 0 on 200, 1 on
 * anything else, including no answer in time.
 *
 * <p>The images hold a Java runtime and nothing else (no shell, no curl), so the check is a Java
 * program that loads only JDK classes, run from the image's own classpath:
 * {@code java -cp "/app/libs/*" chat.common.ops.HealthProbe}. The port is
 * {@code MANAGEMENT_SERVER_PORT} when set (the gateway serves health on a port of its own), else
 * {@code SERVER_PORT}, as for the service itself, 8080 when neither is set.
 */
public final class HealthProbe {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    private HealthProbe() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) {
        String probe = args.length > 0 ? args[0] : "readiness";
        if (!probe.equals("readiness") && !probe.equals("liveness")) {
            System.err.println("usage: HealthProbe [readiness|liveness]");
            return 2;
        }
        String variable = environment.containsKey("MANAGEMENT_SERVER_PORT") ? "MANAGEMENT_SERVER_PORT" : "SERVER_PORT";
        String port = environment.getOrDefault(variable, "8080").strip();
        if (!port.matches("\\d{1,5}")) {
            System.err.println(variable + " is not a port: " + port);
            return 1;
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/actuator/health/" + probe);
        try {
            int status = statusOf(uri);
            System.out.println(probe + ": " + status);
            return status == 200 ? 0 : 1;
        } catch (IOException e) {
            System.out.println(probe + ": no answer from " + uri + " (" + e + ")");
            return 1;
        }
    }

    private static int statusOf(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        try {
            int status = connection.getResponseCode();
            // read the body so the exchange completes; its content does not matter
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }
}
