package dev.vigil.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** docs/configuration.md cannot fall behind the code: every key, with its default, and a working example. */
class ConfigDocsTest {

    /** Tests run in launch/; {@code -Dvigil.home} points elsewhere. */
    private static final Path DOC = Path.of(System.getProperty("vigil.home", "..")).resolve("docs/configuration.md");

    @TempDir
    Path dir;

    private static String doc() throws Exception {
        return Files.readString(DOC);
    }

    /** Every key path of the printed configuration, with its default as YAML gives it. */
    private static Map<String, JsonNode> leaves() throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(AgentConfig.defaults().toYaml());
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", root, leaves);
        return leaves;
    }

    private static void collect(String path, JsonNode node, Map<String, JsonNode> into) {
        if (!node.isObject()) {
            into.put(path, node);
            return;
        }
        node.properties().forEach(e -> collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), into));
    }

    /** The default column of the row of {@code key}'s table, without its backticks. */
    private static Optional<String> documentedDefault(String doc, String key) {
        return doc.lines().filter(l -> l.startsWith("| `" + key + "` |")).findFirst()
                .map(l -> l.split("\\|")[2].strip().replace("`", ""));
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws Exception {
        String doc = doc();
        List<String> problems = new ArrayList<>();
        leaves().forEach((key, value) -> {
            Optional<String> documented = documentedDefault(doc, key);
            if (documented.isEmpty()) {
                problems.add(key + ": no row in " + DOC);
            } else if (!sameValue(documented.get(), value)) {
                problems.add(key + ": documented default " + documented.get() + ", the code has " + value);
            }
        });

        assertThat(problems).isEmpty();
        assertThat(leaves()).hasSizeGreaterThan(40);
    }

    private static boolean sameValue(String documented, JsonNode value) {
        if (value.isNumber()) {
            return new BigDecimal(documented).compareTo(value.decimalValue()) == 0;
        }
        if (value.isArray()) {
            List<String> items = StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList();
            return documented.equals("[" + String.join(", ", items) + "]");
        }
        return documented.equals(value.isNull() ? "null" : value.asText());
    }

    @Test
    void theExampleIsAValidConfiguration() throws Exception {
        String doc = doc();
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, example);
        Files.createDirectories(dir.resolve("grammars"));
        Files.writeString(dir.resolve("grammars/hall.gram"), "#JSGF V1.0;\ngrammar hall;\npublic <c> = stop;\n");

        AgentConfig config = AgentConfig.load(file);

        assertThat(config).isNotEqualTo(AgentConfig.defaults());
        assertThat(config.events().toStdout()).isTrue();
        assertThat(config.turn().falseInterruptionMillis()).isEqualTo(1500);
    }

    @Test
    void theDocumentedErrorIsTheRealOne() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> AgentConfig.parse("hearing: {vad: {start_threshold: high}}", "vigil.yaml"));

        assertThat(doc()).contains("vigil: " + e.getMessage() + "\n");
    }
}
