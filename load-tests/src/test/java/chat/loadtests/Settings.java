package chat.loadtests;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The system properties every simulation reads, with their defaults. run.sh passes them with
 * {@code -Dname=value}; see load-tests/README.md.
 */
final class Settings {

    /** Upper bounds, so that a typo cannot start an endless or unbounded run. */
    static final int MAX_RATE = 20_000;

    static final int MAX_STEP_SECONDS = 600;
    static final int MAX_SOCKETS = 20_000;
    static final long MAX_EVENTS = 2_000_000;

    private Settings() {}

    static String string(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static int integer(String name, int fallback, int min, int max) {
        String value = System.getProperty(name);
        int parsed = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(
                    "-D" + name + "=" + parsed + " is out of range [" + min + ", " + max + "]");
        }
        return parsed;
    }

    static boolean bool(String name, boolean fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    /** A comma-separated list of rates per second, e.g. {@code -Dsteps=50,100,200}. */
    static List<Integer> rates(String name, String fallback) {
        List<Integer> rates = new ArrayList<>();
        for (String part : string(name, fallback).split(",")) {
            if (!part.isBlank()) {
                int rate = Integer.parseInt(part.trim());
                if (rate < 1 || rate > MAX_RATE) {
                    throw new IllegalArgumentException(
                            "-D" + name + ": rate " + rate + " out of [1, " + MAX_RATE + "]");
                }
                rates.add(rate);
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("-D" + name + " names no rate");
        }
        return rates;
    }

    static List<String> list(String name, String fallback) {
        List<String> values = new ArrayList<>();
        for (String part : string(name, fallback).split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    /** The gateway, {@code -Dgateway}, default http://localhost:8080; loopback only. */
    static URI gateway() {
        URI uri = URI.create(string("gateway", "http://localhost:8080").replaceAll("/+$", ""));
        requireLoopback(uri);
        return uri;
    }

    /** Refuses any address but this machine's own: these tests are never aimed at another host. */
    static void requireLoopback(URI uri) {
        if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected an http://host:port URL, got " + uri);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(
                            "load tests run against this machine only (loopback), not " + uri.getHost());
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + uri.getHost(), e);
        }
    }

    /** Where summaries go: the module's target folder (set by the pom), else ./target. */
    static Path targetDir() {
        Path dir = Path.of(string("lt.targetDir", "target"));
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    /** The repository root (set by the pom), for the local stack's default data folder. */
    static Path repoRoot() {
        return Path.of(string("lt.repoRoot", ".."));
    }

    /** A short id of this run, in user names and message contents, so runs never mix. */
    static final String RUN_ID = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000, 36);
}
