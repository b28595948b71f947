package chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Rule: every place that runs a service gives it every setting {@code
 * service-environment.properties} lists for it. The local stack takes the list itself; these
 * tests hold compose.yaml and the Kubernetes manifests to it.
 */
class ServiceEnvironmentTests {

    private static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
    private static final ServiceEnvironment ENVIRONMENT = ServiceEnvironment.load();

    @Test
    void listsEveryServiceTheLocalStackStarts() {
        List<String> started = new ArrayList<>();
        LocalStack.SERVICES.forEach(service -> started.add(service.module()));
        started.add(LocalStack.GATEWAY.module());
        started.add(LocalStack.USER_SYNC.module());

        assertThat(ENVIRONMENT.required().keySet()).containsExactlyInAnyOrderElementsOf(started);
    }

    @Test
    void composeGivesEveryServiceItsSettings() throws IOException {
        Map<String, Object> services =
                map(load(DEPLOY.resolve("compose/compose.yaml")).getFirst(), "services");
        List<String> gaps = new ArrayList<>();
        ENVIRONMENT.required().forEach((service, required) -> {
            Map<String, Object> definition = map(services, service);
            Set<String> given = definition.get("environment") instanceof Map<?, ?> env ? stringKeys(env) : Set.of();
            missing(required, given).forEach(name -> gaps.add(service + " lacks " + name));
        });

        assertThat(gaps).as("deploy/compose/compose.yaml").isEmpty();
    }

    @Test
    void kubernetesGivesEveryServiceItsSettings() throws IOException {
        Path folder = DEPLOY.resolve("kubernetes");
        Map<String, Set<String>> generated = generatedKeys(folder);
        List<String> gaps = new ArrayList<>();
        ENVIRONMENT.required().forEach((service, required) -> {
            Path manifest = folder.resolve(service + ".yaml");
            Set<String> given = new LinkedHashSet<>();
            try {
                for (Object document : load(manifest)) {
                    containers(document).stream()
                            .filter(container -> service.equals(container.get("name")))
                            .forEach(container -> given.addAll(settingsOf(container, generated, manifest)));
                }
            } catch (IOException e) {
                gaps.add(service + " has no manifest " + manifest.getFileName());
                return;
            }
            missing(required, given)
                    .forEach(name -> gaps.add(manifest.getFileName() + ": " + service + " lacks " + name));
        });

        assertThat(gaps).as("deploy/kubernetes").isEmpty();
    }

    @Test
    void theLocalStackRefusesToStartAServiceWithoutASetting() {
        Map<String, String> values = new HashMap<>();
        ENVIRONMENT.of("gateway").forEach(name -> values.put(name, "x"));
        assertThat(ENVIRONMENT.select("gateway", values)).containsOnlyKeys(ENVIRONMENT.of("gateway"));

        values.remove("REALTIME_SERVICE_URL");
        values.put("UNRELATED", "y");
        assertThatThrownBy(() -> ENVIRONMENT.select("gateway", values))
                .hasMessageContaining("REALTIME_SERVICE_URL")
                .hasMessageContaining("gateway");
    }

    /** Names a container is given: its env entries and every key of the ConfigMaps and Secrets it takes whole. */
    private static Set<String> settingsOf(
            Map<String, Object> container, Map<String, Set<String>> generated, Path manifest) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> entry : list(container.get("env"))) {
            names.add((String) entry.get("name"));
        }
        for (Map<String, Object> source : list(container.get("envFrom"))) {
            for (String kind : List.of("configMapRef", "secretRef")) {
                if (source.get(kind) instanceof Map<?, ?> ref) {
                    String name = (String) ref.get("name");
                    Set<String> keys = generated.get(name);
                    assertThat(keys)
                            .as("%s takes %s, which kustomization.yaml does not generate", manifest.getFileName(), name)
                            .isNotNull();
                    names.addAll(keys);
                }
            }
        }
        return names;
    }

    /**
     * The keys of each ConfigMap and Secret that kustomization.yaml generates from env files. A
     * Secret's own file is git-ignored; its committed {@code .example} lists the same keys.
     */
    private static Map<String, Set<String>> generatedKeys(Path folder) throws IOException {
        Map<String, Object> kustomization =
                map(load(folder.resolve("kustomization.yaml")).getFirst(), "");
        Map<String, Set<String>> keys = new HashMap<>();
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (Map<String, Object> item : list(kustomization.get(generator))) {
                Set<String> names = new TreeSet<>();
                for (Object file : (List<?>) item.getOrDefault("envs", List.of())) {
                    Path path = folder.resolve((String) file);
                    if (!Files.exists(path)) {
                        path = folder.resolve(file + ".example");
                    }
                    Properties env = new Properties();
                    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                        env.load(in);
                    }
                    names.addAll(env.stringPropertyNames());
                }
                keys.put((String) item.get("name"), names);
            }
        }
        return keys;
    }

    private static List<Map<String, Object>> containers(Object node) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("containers".equals(key)) {
                    found.addAll(list(value));
                } else {
                    found.addAll(containers(value));
                }
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> found.addAll(containers(item)));
        }
        return found;
    }

    private static List<String> missing(List<String> required, Set<String> given) {
        return required.stream().filter(name -> !given.contains(name)).toList();
    }

    private static List<Object> load(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        // compose.yaml shares its environment blocks through anchors and merge keys
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            new Yaml(options).loadAll(in).forEach(documents::add);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String key) {
        Object value = key.isEmpty() ? node : ((Map<String, Object>) node).get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return node instanceof List<?> items ? (List<Map<String, Object>>) items : List.of();
    }

    private static Set<String> stringKeys(Map<?, ?> map) {
        Set<String> keys = new TreeSet<>();
        map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }
}
