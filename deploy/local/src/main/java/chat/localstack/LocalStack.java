package chat.localstack;

import chat.devissuer.DevTokenIssuer;
import chat.devissuer.IssuerSettings;
import chat.embedded.JavaCommand;
import chat.embedded.KafkaServer;
import chat.embedded.PostgresServer;
import chat.embedded.S3Server;
import chat.keycloak.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole chat system on one machine without Docker and keeps it in the foreground until
 * SIGINT or SIGTERM: PostgreSQL, a Kafka broker, an S3 store and the development token issuer (or,
 * with {@code --keycloak}, a real Keycloak and the user sync), then the four services and the
 * gateway as child JVMs.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("conversation-service", "conversation"),
            new ServiceSpec("message-service", "message"),
            new ServiceSpec("attachment-service", "attachment"),
            new ServiceSpec("realtime-service", "realtime"));
    static final ServiceSpec GATEWAY = new ServiceSpec("gateway", null);
    static final ServiceSpec USER_SYNC = new ServiceSpec("keycloak-user-sync", null, "deploy/keycloak-user-sync");
    /** How often the user sync reads the realm locally: a user created in the console shows up soon. */
    private static final String LOCAL_SYNC_INTERVAL = "30s";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    static final String S3_ACCESS_KEY = "chat-local";
    static final String S3_SECRET_KEY = "chat-local-secret";
    static final String S3_BUCKET = "chat-attachments";

    private final ServiceEnvironment environment = ServiceEnvironment.load();

    private final StackSettings settings;
    private @Nullable Ports ports;
    private @Nullable Leftovers leftovers;
    private final Instant started = Instant.now();
    private final Instant deadline;

    // Guarded by this: the shutdown hook may run while the main thread is still starting parts.
    private boolean stopping;
    private final List<ChildProcess> services = new ArrayList<>();
    private @Nullable ChildProcess kafka;
    private @Nullable PostgresServer postgres;
    private @Nullable S3Server s3;
    private @Nullable DevTokenIssuer issuer;
    private @Nullable KeycloakServer keycloak;
    private @Nullable ChildProcess keycloakProcess;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
        this.deadline = started.plus(settings.startTimeout());
    }

    public static void main(String[] args) {
        StackSettings settings;
        try {
            settings = StackSettings.parse(List.of(args), System.getenv(), StackSettings.findRepoRoot());
        } catch (StackSettings.InvalidSettings e) {
            System.err.println(e.getMessage());
            System.err.println(StackSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.println(StackSettings.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (StartFailure e) {
            log.error("failed: {}", e.getMessage());
            stack.stop();
            System.exit(1);
        } catch (Exception e) {
            log.error("failed: {}", e.toString(), e);
            stack.stop();
            System.exit(1);
        }
        stack.watch();
    }

    private void start() throws Exception {
        checkBeforeStarting();
        DataFolderLock.acquire(settings.dataDir());
        Leftovers previous = new Leftovers(settings.dataDir());
        List<Long> killed = previous.stopPrevious(settings.postgresDir());
        if (!killed.isEmpty()) {
            log.info("stopped processes {} left behind by a previous run that was killed", killed);
        }
        this.leftovers = previous;
        if (settings.fresh()) {
            deleteRecursively(settings.dataDir());
            log.info("deleted the contents of {}", settings.dataDir());
        }
        Files.createDirectories(settings.logsDir());
        Ports ports = new Ports(settings.gatewayPort(), settings.dataDir().resolve("ports.properties"));
        this.ports = ports;
        log.info(
                "data folder {} (pid {})",
                settings.dataDir(),
                ProcessHandle.current().pid());

        // Kafka's JVM boots while PostgreSQL and the S3 store start in this one.
        Instant step = Instant.now();
        KafkaServer broker = KafkaServer.start(
                settings.kafkaDir(), settings.log("kafka"), ports.forPart("kafka"), ports.forPart("kafka-controller"));
        ChildProcess kafkaProcess = ChildProcess.adopt("kafka", broker.process(), settings.log("kafka"), null);
        remember(kafkaProcess);
        register(() -> kafka = kafkaProcess, () -> ChildProcess.stopAll(List.of(kafkaProcess), STOP_GRACE));
        // Keycloak takes longest of all (10-20 s), so it boots while the rest starts.
        Instant keycloakStep = Instant.now();
        KeycloakServer realm = settings.keycloak() ? startKeycloak() : null;

        Instant pgStep = Instant.now();
        PostgresServer pg =
                PostgresServer.durable(settings.postgresDir(), settings.log("postgres"), ports.forPart("postgres"));
        register(() -> postgres = pg, () -> closeQuietly("postgres", pg));
        pg.createDatabases(SERVICES.stream().map(s -> s.database()).toList());
        log.info("postgres   ok  127.0.0.1:{} ({})", pg.port(), since(pgStep));

        Instant s3Step = Instant.now();
        S3Server store =
                S3Server.start(settings.s3Dir(), ports.forPart("s3"), S3_ACCESS_KEY, S3_SECRET_KEY, List.of(S3_BUCKET));
        register(() -> s3 = store, () -> closeQuietly("s3", store));
        log.info("s3         ok  {} ({})", store.endpoint(), since(s3Step));

        try {
            broker.awaitUp(deadline);
        } catch (IllegalStateException e) {
            throw new StartFailure(e.getMessage());
        }
        log.info("kafka      ok  {} ({})", broker.bootstrapServers(), since(step));

        Identity identity;
        if (realm != null) {
            // The services fetch the realm's keys on their first request, so they need not wait
            // for it; only --infra-only's printout and the user sync do.
            identity = Identity.of(realm);
        } else {
            Instant issuerStep = Instant.now();
            DevTokenIssuer tokens = DevTokenIssuer.start(new IssuerSettings(
                    ports.forPart("issuer"), settings.issuerDir(), broker.bootstrapServers(), Duration.ofHours(12)));
            register(() -> issuer = tokens, tokens::close);
            if (!ChildProcess.answers200(tokens.baseUri().resolve("/health"))) {
                throw new StartFailure("the token issuer does not answer on " + tokens.baseUri() + "/health");
            }
            log.info("issuer     ok  {} ({})", tokens.baseUri(), since(issuerStep));
            identity = Identity.of(tokens);
        }

        if (settings.infraOnly()) {
            if (realm != null) {
                awaitKeycloak(realm, keycloakStep);
            }
            printInfrastructure(pg, broker, store, identity);
            return;
        }
        startServices(pg, broker, store, identity);
        if (realm != null) {
            awaitKeycloak(realm, keycloakStep);
            startUserSync(realm, broker, identity);
        }
        awaitServices();
        log.info("chat stack ready at http://localhost:{} in {}", settings.gatewayPort(), since(started));
        if (realm != null) {
            printKeycloak(realm);
        } else {
            log.info(
                    "  get a token: curl -s -X POST http://localhost:{}/dev/users/ -H 'Content-Type: application/json'"
                            + " -d '{\"username\":\"alice\"}'",
                    settings.gatewayPort());
        }
        log.info(
                "  logs: {}    stop: Ctrl+C or kill -TERM {}",
                settings.logsDir(),
                ProcessHandle.current().pid());
    }

    /** Everything that can be known to fail is checked before a single process is started. */
    private void checkBeforeStarting() {
        List<String> missing = new ArrayList<>();
        if (settings.keycloak()) {
            Path kc = KeycloakServer.distribution(settings.repoRoot()).resolve("bin/kc.sh");
            if (!Files.isRegularFile(kc)) {
                missing.add(kc.toString());
            }
        }
        if (!settings.infraOnly()) {
            for (ServiceSpec service : allServices()) {
                Path jar = service.jar(settings.repoRoot());
                if (!Files.isRegularFile(jar)) {
                    missing.add(jar.toString());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new StartFailure("missing " + String.join(", ", missing) + System.lineSeparator()
                    + "  build them with: (cd " + settings.repoRoot() + " && mvn -B -q install -DskipTests)"
                    + " or run deploy/local/run.sh --rebuild");
        }
        if (!settings.infraOnly() && !Ports.isBindable(settings.gatewayPort())) {
            throw new StartFailure("port " + settings.gatewayPort()
                    + " (the gateway's) is taken by another process; free it or set CHAT_PORT to another port");
        }
    }

    private KeycloakServer startKeycloak() {
        Path logFile = settings.log("keycloak");
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            // An old log that cannot be removed is appended to instead.
        }
        KeycloakServer server = KeycloakServer.start(settings.repoRoot(), ports().forPart("keycloak"), logFile);
        ChildProcess child = ChildProcess.adopt("keycloak", server.process(), logFile, null);
        remember(child);
        register(
                () -> {
                    keycloak = server;
                    keycloakProcess = child;
                },
                server::close);
        log.info("keycloak   starting on :{} (pid {})", server.baseUri().getPort(), child.pid());
        return server;
    }

    private void awaitKeycloak(KeycloakServer server, Instant step) throws InterruptedException {
        try {
            server.awaitReady(Duration.between(Instant.now(), deadline));
        } catch (IllegalStateException e) {
            ChildProcess child = keycloakProcess;
            throw child == null ? new StartFailure(e.getMessage()) : new StartFailure(child, e.getMessage());
        }
        log.info("keycloak   ok  {} ({})", server.baseUri(), since(step));
    }

    /** Started once the realm answers, so that its first run (at start) already finds the users. */
    private void startUserSync(KeycloakServer realm, KafkaServer broker, Identity identity) {
        int port = ports().forPart(USER_SYNC.module());
        Map<String, String> values = new HashMap<>();
        values.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        values.put("KEYCLOAK_URL", realm.baseUri().toString());
        values.put("KEYCLOAK_REALM", KeycloakServer.REALM);
        values.put("CHAT_JWT_ISSUER", identity.issuer().toString());
        values.put("CHAT_CLIENT_SECRET", identity.secretFor("chat-user-sync"));
        values.put("SYNC_INTERVAL", LOCAL_SYNC_INTERVAL);
        Map<String, String> env = new HashMap<>(environment.select(USER_SYNC.module(), values));
        // Its port has a default that suits a deployment; here every part takes a free one.
        env.put("SERVER_PORT", Integer.toString(port));
        startService(USER_SYNC, port, env);
    }

    /**
     * Where tokens come from: the services trust its issuer and fetch their own tokens from it
     * with a client secret.
     *
     * @param devIssuer the development issuer's base URL, which the gateway routes {@code /dev/**}
     *     to; null with Keycloak
     */
    private record Identity(
            URI issuer, URI jwkSetUri, @Nullable URI devIssuer) {

        static Identity of(DevTokenIssuer tokens) {
            return new Identity(tokens.issuer(), tokens.jwkSetUri(), tokens.baseUri());
        }

        static Identity of(KeycloakServer realm) {
            return new Identity(realm.issuer(), realm.jwkSetUri(), null);
        }

        /** The realm file gives each client {@code <client-id>-local-secret}; the issuer takes one for all. */
        String secretFor(String clientId) {
            return devIssuer == null ? clientId + "-local-secret" : DevTokenIssuer.SERVICE_CLIENT_SECRET;
        }
    }

    private void startServices(PostgresServer pg, KafkaServer broker, S3Server store, Identity identity) {
        // Every address first: services find each other by URL and start in parallel.
        Map<ServiceSpec, Integer> servicePorts = new LinkedHashMap<>();
        Map<String, String> shared = new HashMap<>();
        for (ServiceSpec service : SERVICES) {
            int port = ports().forPart(service.module());
            servicePorts.put(service, port);
            shared.put(
                    service.module().replace("-service", "").toUpperCase(Locale.ROOT) + "_SERVICE_URL",
                    "http://127.0.0.1:" + port);
        }
        shared.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        shared.put("CHAT_JWT_ISSUER", identity.issuer().toString());
        shared.put("CHAT_JWK_SET_URI", identity.jwkSetUri().toString());
        shared.put("S3_ENDPOINT", store.endpoint().toString());
        shared.put("S3_PUBLIC_ENDPOINT", store.publicEndpoint().toString());
        shared.put("S3_ACCESS_KEY", S3_ACCESS_KEY);
        shared.put("S3_SECRET_KEY", S3_SECRET_KEY);
        shared.put("S3_BUCKET", S3_BUCKET);
        shared.put("S3_REGION", S3Server.REGION);
        shared.put("CHAT_CORS_ALLOWED_ORIGINS", "http://localhost:3000,http://localhost:5173");
        for (ServiceSpec service : SERVICES) {
            int port = servicePorts.get(service);
            Map<String, String> values = new HashMap<>(shared);
            values.put("SERVER_PORT", Integer.toString(port));
            values.put("DB_URL", pg.jdbcUrl(service.database()));
            values.put("DB_USERNAME", PostgresServer.USER);
            values.put("DB_PASSWORD", "");
            values.put("CHAT_CLIENT_SECRET", identity.secretFor(service.module()));
            startService(service, port, environment.select(service.module(), values));
        }
        Map<String, String> values = new HashMap<>(shared);
        values.put("SERVER_PORT", Integer.toString(settings.gatewayPort()));
        // Its health is on a loopback port of its own: the public port serves no /actuator.
        int management = ports().forPart("gateway-management");
        values.put("MANAGEMENT_SERVER_PORT", Integer.toString(management));
        Map<String, String> env = new HashMap<>(environment.select(GATEWAY.module(), values));
        // Local only: the development issuer behind /dev/**, and health on loopback alone.
        if (identity.devIssuer() != null) {
            env.put("DEV_ISSUER_URL", identity.devIssuer().toString());
        }
        env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        // Started with the services: it finds them lazily, per request.
        startService(GATEWAY, settings.gatewayPort(), management, env);
    }

    private void startService(ServiceSpec service, int port, Map<String, String> env) {
        startService(service, port, port, env);
    }

    private void startService(ServiceSpec service, int port, int healthPort, Map<String, String> env) {
        Path logFile = settings.log(service.module());
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            // An old log that cannot be removed is appended to instead.
        }
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.java());
        command.addAll(settings.serviceJvmOptions());
        command.addAll(List.of("-jar", service.jar(settings.repoRoot()).toString()));
        Map<String, String> processEnv = new HashMap<>(env);
        // glibc gives every thread that allocates its own arena; two keep the resident size of a JVM
        // with many threads tens of MB smaller, at no measurable cost (a value the launcher was
        // given is inherited instead)
        if (!System.getenv().containsKey("MALLOC_ARENA_MAX")) {
            processEnv.put("MALLOC_ARENA_MAX", "2");
        }
        // plain text in the log files, for a developer reading them; services log JSON elsewhere
        // (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs given to the launcher keeps JSON here too)
        if (!System.getenv().containsKey("LOGGING_STRUCTURED_FORMAT_CONSOLE")) {
            processEnv.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        }
        ChildProcess child = ChildProcess.start(
                service.module(),
                command,
                processEnv,
                logFile,
                URI.create("http://127.0.0.1:" + healthPort + "/actuator/health/readiness"));
        remember(child);
        register(() -> services.add(child), () -> ChildProcess.stopAll(List.of(child), STOP_GRACE));
        log.info("{} starting on :{} (pid {})", pad(service.module()), port, child.pid());
        if (healthPort != port) {
            log.info("{} management (health, metrics) on 127.0.0.1:{}", pad(service.module()), healthPort);
        }
    }

    /** Polls every service until all answer, one of them exits, or the start timeout passes. */
    private void awaitServices() throws InterruptedException {
        List<ChildProcess> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(services);
        }
        while (!waiting.isEmpty()) {
            for (ChildProcess child : List.copyOf(waiting)) {
                if (!child.isAlive()) {
                    throw new StartFailure(child, "exited with code " + child.exitCode() + " while starting");
                }
                if (child.isHealthy()) {
                    waiting.remove(child);
                    log.info("{} ok  ({})", pad(child.name()), since(started));
                }
            }
            if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
                List<String> late = waiting.stream().map(ChildProcess::name).toList();
                throw new StartFailure(
                        waiting.getFirst(),
                        "did not answer its readiness check within "
                                + settings.startTimeout().toSeconds()
                                + " s (CHAT_START_TIMEOUT_SECONDS); still waiting for "
                                + String.join(", ", late));
            }
            Thread.sleep(500);
        }
    }

    private void printInfrastructure(PostgresServer pg, KafkaServer broker, S3Server store, Identity identity) {
        log.info("chat infrastructure ready in {} (--infra-only: no services)", since(started));
        log.info(
                "  postgres  {}  (user postgres, no password; databases {})",
                pg.jdbcUrl("<db>"),
                String.join(", ", SERVICES.stream().map(ServiceSpec::database).toList()));
        log.info("  kafka     {}", broker.bootstrapServers());
        log.info(
                "  s3        {}  (access key {}, secret {}, bucket {}, region {})",
                store.endpoint(),
                S3_ACCESS_KEY,
                S3_SECRET_KEY,
                S3_BUCKET,
                S3Server.REGION);
        KeycloakServer realm = keycloak;
        if (realm != null) {
            printKeycloak(realm);
        } else {
            log.info(
                    "  issuer    {}  (iss {}, jwks {})", identity.devIssuer(), identity.issuer(), identity.jwkSetUri());
            log.info(
                    "  get a token: curl -s -X POST {}/dev/users/ -H 'Content-Type: application/json'"
                            + " -d '{\"username\":\"alice\"}'",
                    identity.devIssuer());
        }
        log.info(
                "  logs: {}    stop: Ctrl+C or kill -TERM {}",
                settings.logsDir(),
                ProcessHandle.current().pid());
    }

    private void printKeycloak(KeycloakServer realm) {
        log.info(
                "  keycloak  {}  (admin console {}/admin, user {}, password {}; realm {}, iss {})",
                realm.baseUri(),
                realm.baseUri(),
                KeycloakServer.ADMIN_USERNAME,
                KeycloakServer.ADMIN_PASSWORD,
                KeycloakServer.REALM,
                realm.issuer());
        log.info(
                "  users: create them in realm {} with the attribute user_id (a positive integer) and a password;"
                        + " Keycloak keeps nothing across runs of the stack",
                KeycloakServer.REALM);
        log.info(
                "  get a token: curl -s {} -d grant_type=password -d client_id=chat-test"
                        + " -d username=<user> -d password=<password>",
                realm.tokenUri());
    }

    /** Keeps the launcher in the foreground, saying so when a part dies on its own. */
    private void watch() {
        List<ChildProcess> watched;
        synchronized (this) {
            watched = new ArrayList<>(services);
            if (kafka != null) {
                watched.add(kafka);
            }
            if (keycloakProcess != null) {
                watched.add(keycloakProcess);
            }
        }
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            for (ChildProcess child : List.copyOf(watched)) {
                if (!child.isAlive()) {
                    watched.remove(child);
                    synchronized (this) {
                        if (stopping) {
                            return;
                        }
                    }
                    log.warn(
                            "{} exited with code {}; last lines of {}:{}{}",
                            child.name(),
                            child.exitCode(),
                            child.log(),
                            System.lineSeparator(),
                            child.tail(30));
                }
            }
        }
    }

    /**
     * Records a started part so that stop() reaches it, or stops it at once if stop() has already
     * begun (a signal that arrived while it was starting).
     */
    private void register(Runnable record, Runnable undo) {
        synchronized (this) {
            if (!stopping) {
                record.run();
                return;
            }
        }
        undo.run();
        throw new StartFailure("stopped while starting");
    }

    /** Stops in the reverse order of need; safe to call twice and from the shutdown hook. */
    private void stop() {
        List<ChildProcess> toStop;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(services);
        }
        boolean anything = !toStop.isEmpty()
                || kafka != null
                || postgres != null
                || s3 != null
                || issuer != null
                || keycloak != null;
        if (anything) {
            log.info("stopping ...");
        }
        ChildProcess.stopAll(toStop, STOP_GRACE);
        KeycloakServer realm = keycloak;
        if (realm != null) {
            realm.close();
        }
        // The issuer before Kafka: its profile producer would otherwise retry a broker that is gone.
        DevTokenIssuer tokens = issuer;
        if (tokens != null) {
            closeQuietly("issuer", tokens);
        }
        ChildProcess broker = kafka;
        if (broker != null) {
            ChildProcess.stopAll(List.of(broker), STOP_GRACE);
        }
        S3Server store = s3;
        if (store != null) {
            closeQuietly("s3", store);
        }
        PostgresServer pg = postgres;
        if (pg != null) {
            closeQuietly("postgres", pg);
        }
        log.info("stopped");
    }

    private static void closeQuietly(String what, AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", what, e.toString());
        }
    }

    private void remember(ChildProcess child) {
        Leftovers known = leftovers;
        if (known != null) {
            known.remember(child);
        }
    }

    private Ports ports() {
        Ports known = ports;
        if (known == null) {
            throw new IllegalStateException("ports are chosen once the data folder is ready");
        }
        return known;
    }

    private List<ServiceSpec> allServices() {
        List<ServiceSpec> all = new ArrayList<>(SERVICES);
        all.add(GATEWAY);
        if (settings.keycloak()) {
            all.add(USER_SYNC);
        }
        return all;
    }

    private static String pad(String name) {
        return String.format(Locale.ROOT, "%-20s", name);
    }

    private static String since(Instant from) {
        return String.format(
                Locale.ROOT, "%.1f s", Duration.between(from, Instant.now()).toMillis() / 1000.0);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!DataFolderLock.isLockFile(file)) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!directory.equals(dir)) {
                    Files.delete(directory);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
