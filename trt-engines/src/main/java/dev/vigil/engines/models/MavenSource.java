package dev.vigil.engines.models;

import java.util.regex.Pattern;

/**
 * A file inside a jar in a Maven repository.
 *
 * @param path the file inside the jar, e.g. {@code all-minilm-l6-v2-q.onnx}
 */
public record MavenSource(String groupId, String artifactId, String version, String path)
    implements ModelSource {

  private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_.-]+");

  public MavenSource {
    for (String[] part :
        new String[][] {{"groupId", groupId}, {"artifactId", artifactId}, {"version", version}}) {
      if (part[1] == null || !COORDINATE.matcher(part[1]).matches() || part[1].contains("..")) {
        throw new IllegalArgumentException(
            "Maven " + part[0] + " '" + part[1] + "' is not a valid coordinate");
      }
    }
    ArchivePaths.requireRelative("jar", path);
  }

  public String jarName() {
    return artifactId + "-" + version + ".jar";
  }

  @Override
  public String fileName() {
    return ArchivePaths.lastSegment(path);
  }

  @Override
  public String describe() {
    return "maven " + groupId + ":" + artifactId + ":" + version + " " + path;
  }
}
