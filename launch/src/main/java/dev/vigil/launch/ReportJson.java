package dev.vigil.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON shape of Vigil's reports and bench figures: snake_case keys, indented. */
public final class ReportJson {

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String write(Object report) throws JsonProcessingException {
        return JSON.writeValueAsString(report);
    }

    /** {@code report} as the JSON tree it is written as (the report page reads that, not the records). */
    public static JsonNode tree(Object report) {
        return JSON.valueToTree(report);
    }

    public static void write(Object report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), report);
    }
}
