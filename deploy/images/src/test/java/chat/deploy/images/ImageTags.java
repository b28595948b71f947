package chat.deploy.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The image references of the deployment files, held to the build: every chat image at the project
 * version, every other image at the tag the root pom pins for its repository. Each method answers
 * the problems it found, so that a file that drifted names what to change.
 *
 * @param version the project version, the tag of every chat image
 * @param pinned the pinned image references of the infrastructure, by repository
 */
record ImageTags(String version, Map<String, String> pinned) {

    static final String CHAT = "chat/";

    /** From the references the root pom pins ({@code postgres:17-alpine}, ...). */
    static ImageTags of(String version, List<String> pinnedImages) {
        Map<String, String> byRepository = new TreeMap<>();
        for (String image : pinnedImages) {
            byRepository.put(repository(image), image);
        }
        return new ImageTags(version, byRepository);
    }

    /** A system property the build sets for the tests (this module's pom). */
    static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is set by this module's pom: run the tests through Maven");
        }
        return value;
    }

    /**
     * compose.yaml: a chat image is {@code chat/<name>:${CHAT_VERSION:-<version>}}, so that the
     * version can be chosen and defaults to the one built; any other image is the pinned one.
     */
    List<String> composeProblems(String composeYaml) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(map(load(composeYaml).getFirst()).get("services"));
        services.forEach((name, definition) -> {
            Object image = map(definition).get("image");
            if (image == null) {
                return;
            }
            String reference = image.toString();
            if (reference.startsWith(CHAT)) {
                String expected = repository(reference) + ":${CHAT_VERSION:-" + version + "}";
                if (!reference.equals(expected)) {
                    problems.add("service " + name + " runs " + reference + ", not " + expected);
                }
            } else {
                pinnedProblem("service " + name, reference).ifPresent(problems::add);
            }
        });
        return problems;
    }

    /**
     * A Kubernetes manifest: a chat image is named without a tag, and kustomization.yaml's
     * {@code images:} gives it one ({@link #kustomizationProblems}); any other image is the pinned
     * one.
     */
    List<String> manifestProblems(String file, String manifestYaml, Map<String, String> kustomizedTags) {
        List<String> problems = new ArrayList<>();
        for (Object document : load(manifestYaml)) {
            for (String reference : containerImages(document)) {
                if (reference.startsWith(CHAT)) {
                    if (!reference.equals(repository(reference))) {
                        problems.add(
                                file + " tags " + reference + " itself; kustomization.yaml's images: sets the tag");
                    } else if (!kustomizedTags.containsKey(reference)) {
                        problems.add(file + " runs " + reference + ", which kustomization.yaml's images: does not tag");
                    }
                } else {
                    pinnedProblem(file, reference).ifPresent(problems::add);
                }
            }
        }
        return problems;
    }

    /** kustomization.yaml: every chat image it tags gets the project version. */
    List<String> kustomizationProblems(Map<String, String> kustomizedTags) {
        List<String> problems = new ArrayList<>();
        kustomizedTags.forEach((name, tag) -> {
            if (name.startsWith(CHAT) && !version.equals(tag)) {
                problems.add("kustomization.yaml tags " + name + " " + tag + ", not the project version " + version);
            }
        });
        return problems;
    }

    /**
     * Prose: a pinned repository quoted with a tag ({@code `postgres:17-alpine`}) names the pinned
     * tag, so that a README cannot tell of another image than the one that runs.
     */
    List<String> proseProblems(String file, String markdown) {
        List<String> problems = new ArrayList<>();
        pinned.forEach((repository, expected) -> {
            Matcher quoted = Pattern.compile("`(" + Pattern.quote(repository) + ":[\\w.-]+)`")
                    .matcher(markdown);
            while (quoted.find()) {
                if (!quoted.group(1).equals(expected)) {
                    problems.add(file + " names " + quoted.group(1) + ", the root pom pins " + expected);
                }
            }
        });
        return problems;
    }

    /** The {@code images:} of a kustomization: image name to newTag. */
    static Map<String, String> kustomizedTags(String kustomizationYaml) {
        Map<String, String> tags = new TreeMap<>();
        Object images = map(load(kustomizationYaml).getFirst()).get("images");
        if (images instanceof List<?> entries) {
            for (Object entry : entries) {
                Map<String, Object> image = map(entry);
                tags.put(String.valueOf(image.get("name")), String.valueOf(image.get("newTag")));
            }
        }
        return tags;
    }

    private Optional<String> pinnedProblem(String where, String reference) {
        String expected = pinned.get(repository(reference));
        if (expected == null) {
            return Optional.of(
                    where + " runs " + reference + ", whose repository the root pom does not pin (container-image.*)");
        }
        if (!expected.equals(reference)) {
            return Optional.of(where + " runs " + reference + ", the root pom pins " + expected);
        }
        return Optional.empty();
    }

    /** The part before the tag: {@code quay.io/keycloak/keycloak} of {@code quay.io/keycloak/keycloak:26.5.6}. */
    static String repository(String reference) {
        // a registry's port has a colon too, before the last slash; a tag's is the first after it
        int slash = reference.lastIndexOf('/');
        int colon = reference.indexOf(':', slash + 1);
        return colon >= 0 ? reference.substring(0, colon) : reference;
    }

    /** The images of every container and init container anywhere in a document. */
    private static List<String> containerImages(Object node) {
        List<String> images = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (("containers".equals(key) || "initContainers".equals(key)) && value instanceof List<?> containers) {
                    for (Object container : containers) {
                        Object image = map(container).get("image");
                        if (image != null) {
                            images.add(image.toString());
                        }
                    }
                } else {
                    images.addAll(containerImages(value));
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(each -> images.addAll(containerImages(each)));
        }
        return images;
    }

    private static List<Object> load(String yaml) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml).forEach(d -> {
            if (d != null) {
                documents.add(d);
            }
        });
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("not a mapping: " + node);
    }
}
