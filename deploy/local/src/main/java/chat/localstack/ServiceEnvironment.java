package chat.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings each service must be given wherever it runs, read from {@code
 * service-environment.properties} (this module's folder): the one list that the local stack
 * follows and that the deployment files are checked against.
 */
record ServiceEnvironment(Map<String, List<String>> required) {

    static final String FILE = "service-environment.properties";

    static ServiceEnvironment load() {
        try (InputStream in = ServiceEnvironment.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the class path");
            }
            Properties file = new Properties();
            file.load(in);
            Map<String, List<String>> required = new TreeMap<>();
            file.stringPropertyNames()
                    .forEach(service -> required.put(
                            service, List.of(file.getProperty(service).trim().split("\\s+"))));
            return new ServiceEnvironment(required);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings {@code service} must be given. */
    List<String> of(String service) {
        List<String> names = required.get(service);
        if (names == null) {
            throw new IllegalArgumentException(service + " is not listed in " + FILE);
        }
        return names;
    }

    /**
     * Exactly the settings {@code service} must be given, taken from {@code values}; fails naming
     * each one that {@code values} lacks.
     */
    Map<String, String> select(String service, Map<String, String> values) {
        Map<String, String> chosen = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : of(service)) {
            String value = values.get(name);
            if (value == null) {
                missing.add(name);
            } else {
                chosen.put(name, value);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the local stack has no value for " + String.join(", ", missing)
                    + ", which " + FILE + " requires for " + service);
        }
        return chosen;
    }
}
