package dev.vigil.ros.bag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The complete ROS 2 message definition of a type, in the {@code ros2msg} form rosbag2 stores as an
 * MCAP schema's data (ros2/rosbag2 docs/message_definition_encoding.md; MCAP registry, "ros2msg"):
 * the type's {@code .msg} text first, then each type it uses, depth first, in name order, each after
 * a line of 80 {@code =} and a line {@code MSG: <name as the field wrote it>}, exactly as rosbag2's
 * {@code LocalMessageDefinitionSource} concatenates them:
 * <pre>
 * std_msgs/Header header
 * audio_common_msgs/AudioData audio
 *
 * ================================================================================
 * MSG: audio_common_msgs/AudioData
 * uint8[] data
 * ...
 * </pre>
 * The {@code .msg} texts are resources of this package ({@code definitions/<package>/msg/<Type>.msg}):
 * the field and constant lines of std_msgs and builtin_interfaces (ros2/common_interfaces,
 * ros2/rcl_interfaces: Humble and Jazzy have the same lines), audio_common_msgs (ros-drivers/audio_common,
 * branch {@code ros2}) and hri_actions_msgs/Intent (ros4hri 0.4.3; the same in 2.0.1), comments left out
 * (rosbag2's document allows a writer to strip them).
 */
public final class RosMsgDefinitions {

    /** The delimiter line before each dependency: 80 '='. */
    static final String RULE = "=".repeat(80);
    private static final Set<String> PRIMITIVES = Set.of("bool", "byte", "char", "float32", "float64", "int8", "uint8",
            "int16", "uint16", "int32", "uint32", "int64", "uint64", "string", "wstring");
    /** A field's type, as rosbag2 finds it: the first word of a line, before any array brackets. */
    private static final Pattern FIELD_TYPE = Pattern.compile("(?m)^\\s*([A-Za-z0-9_/]+)(?:\\[[^\\]]*\\])?\\s+");
    /** {@code pkg/Type} or {@code pkg/msg/Type}. */
    private static final Pattern TYPE_NAME = Pattern.compile("([A-Za-z0-9_]+)/(?:msg/)?([A-Za-z0-9_]+)");
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private RosMsgDefinitions() {
    }

    /**
     * The complete definition of {@code type}.
     *
     * @param type {@code <package>/msg/<Type>}, e.g. {@code audio_common_msgs/msg/AudioDataStamped}
     * @throws IllegalArgumentException a type (or a type it uses) whose {@code .msg} this package does not have
     */
    public static String of(String type) {
        return CACHE.computeIfAbsent(type, t -> {
            Set<String> seen = new HashSet<>();
            return append(t, seen, 0);
        });
    }

    /** {@link #of(String)} as UTF-8 bytes: an MCAP Schema's data. */
    public static byte[] bytes(String type) {
        return of(type).getBytes(StandardCharsets.UTF_8);
    }

    private static String append(String type, Set<String> seen, int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException("message definitions nest more than 32 deep at " + type);
        }
        Matcher name = TYPE_NAME.matcher(type);
        if (!name.matches()) {
            throw new IllegalArgumentException("\"" + type + "\" is not a ROS message type name (package/msg/Type)");
        }
        String text = load(name.group(1), name.group(2));
        StringBuilder out = new StringBuilder(text);
        for (String dep : dependencies(text, name.group(1))) {
            if (seen.add(dep)) {
                out.append('\n').append(RULE).append('\n').append("MSG: ").append(dep).append('\n')
                        .append(append(dep, seen, depth + 1));
            }
        }
        return out.toString();
    }

    /** The non-primitive field types of {@code text}, as written ({@code pkg/Type}), in name order. */
    private static Set<String> dependencies(String text, String pkg) {
        Set<String> deps = new TreeSet<>();
        Matcher m = FIELD_TYPE.matcher(text);
        while (m.find()) {
            String t = m.group(1);
            if (!PRIMITIVES.contains(t)) {
                deps.add(t.contains("/") ? t : pkg + "/" + t);
            }
        }
        return deps;
    }

    private static String load(String pkg, String type) {
        String path = "definitions/" + pkg + "/msg/" + type + ".msg";
        try (InputStream in = RosMsgDefinitions.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no message definition for " + pkg + "/msg/" + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
