package chat.deploy.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the checks read of an image's configuration. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ImageConfig(String architecture, String os, Container config, RootFs rootfs) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Container(
            @JsonProperty("User") String user,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts) {

        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            for (String variable : env) {
                int equals = variable.indexOf('=');
                environment.put(variable.substring(0, equals), variable.substring(equals + 1));
            }
            return environment;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}
}
