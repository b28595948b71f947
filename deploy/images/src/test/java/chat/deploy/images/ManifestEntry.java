package chat.deploy.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One image in an archive's {@code manifest.json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ManifestEntry(
        @JsonProperty("Config") String config,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("Layers") List<String> layers) {}
