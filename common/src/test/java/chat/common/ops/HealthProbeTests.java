package chat.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthProbeTests {

    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private volatile int readinessStatus = 200;
    private volatile int livenessStatus = 200;

    @BeforeEach
    void startActuator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(exchange.getRequestMethod() + " " + path);
            int status = path.endsWith("/liveness") ? livenessStatus : readinessStatus;
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "OUT_OF_SERVICE") + "\"}").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopActuator() {
        server.stop(0);
    }

    @Test
    void succeedsWhenTheServiceIsReady() {
        assertThat(HealthProbe.run(new String[0], port(server.getAddress().getPort())))
                .isZero();
        assertThat(requested).containsExactly("GET /actuator/health/readiness");
    }

    @Test
    void asksTheManagementPortWhenOneIsSet() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> environment = Map.of(
                "SERVER_PORT", Integer.toString(closed),
                "MANAGEMENT_SERVER_PORT", Integer.toString(server.getAddress().getPort()));
        assertThat(HealthProbe.run(new String[0], environment)).isZero();
        assertThat(requested).containsExactly("GET /actuator/health/readiness");
    }

    @Test
    void failsWhenTheServiceIsNotReady() {
        readinessStatus = 503;

        assertThat(HealthProbe.run(new String[0], port(server.getAddress().getPort())))
                .isEqualTo(1);
    }

    @Test
    void asksForLivenessWhenTold() {
        readinessStatus = 503;

        assertThat(HealthProbe.run(
                        new String[] {"liveness"}, port(server.getAddress().getPort())))
                .isZero();
        assertThat(requested).containsExactly("GET /actuator/health/liveness");
    }

    @Test
    void failsWhenNothingListens() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }

        assertThat(HealthProbe.run(new String[0], port(freePort))).isEqualTo(1);
    }

    @Test
    void failsWhenTheServiceDoesNotAnswerInTime() throws IOException {
        // a listening socket that never accepts: the connection opens, no answer ever comes
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();

            assertThat(HealthProbe.run(new String[0], port(silent.getLocalPort())))
                    .isEqualTo(1);
            assertThat(System.nanoTime() - start)
                    .isLessThan(HealthProbe.CONNECT_TIMEOUT
                            .plus(HealthProbe.READ_TIMEOUT)
                            .plusSeconds(2)
                            .toNanos());
        }
    }

    @Test
    void rejectsAnUnknownProbe() {
        assertThat(HealthProbe.run(
                        new String[] {"startup"}, port(server.getAddress().getPort())))
                .isEqualTo(2);
        assertThat(requested).isEmpty();
    }

    @Test
    void failsWhenServerPortIsNotAPort() {
        assertThat(HealthProbe.run(new String[] {"liveness"}, Map.of("SERVER_PORT", "not-a-port")))
                .isEqualTo(1);
        assertThat(requested).isEmpty();
    }

    private static Map<String, String> port(int port) {
        return Map.of("SERVER_PORT", String.valueOf(port));
    }
}
