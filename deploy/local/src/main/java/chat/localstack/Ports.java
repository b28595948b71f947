package chat.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * Hands out free loopback ports, never the same one twice in one run. A part gets the port it had
 * in the previous run when that port is still free, so the issuer's URL (the tokens' {@code iss})
 * and the addresses an IDE run configuration was given survive a restart.
 */
final class Ports {

    private final Set<Integer> handedOut = new HashSet<>();
    private final Path file;
    private final Properties remembered = new Properties();

    Ports(int reserved, Path file) {
        this.file = file;
        handedOut.add(reserved);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                remembered.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // A damaged file only costs new ports.
                remembered.clear();
            }
        }
    }

    /** The port {@code part} had last time if it is still free, else any free one. */
    synchronized int forPart(String part) {
        String previous = remembered.getProperty(part);
        int port = 0;
        if (previous != null) {
            try {
                int candidate = Integer.parseInt(previous.trim());
                if (!handedOut.contains(candidate) && isBindableOnLoopback(candidate)) {
                    handedOut.add(candidate);
                    port = candidate;
                }
            } catch (NumberFormatException e) {
                // Ignored: a fresh port is chosen below.
            }
        }
        if (port == 0) {
            port = free();
        }
        remembered.setProperty(part, Integer.toString(port));
        save();
        return port;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                remembered.store(out, "ports of the last run, reused when free");
            }
        } catch (IOException e) {
            // Only a convenience: the next run picks new ports.
        }
    }

    /** A port nobody listens on now; another process could still take it before we bind it. */
    private int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free loopback port", e);
            }
        }
        throw new IllegalStateException("Cannot find a free loopback port");
    }

    private static boolean isBindableOnLoopback(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code port} can be bound on every interface, as the gateway will bind it. Without
     * SO_REUSEADDR a port in TIME_WAIT would look taken right after a previous run.
     */
    static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
