package dev.vigil.engines.models;

/** Checks on paths that come from manifests and end up naming files in the cache. */
final class ArchivePaths {

  private ArchivePaths() {}

  /** The part after the last slash. */
  static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** A manifest must not be able to point outside the archive, nor the cache. */
  static void requireRelative(String what, String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(what + " path is missing");
    }
    if (path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException(
          what + " path '" + path + "' must be a relative file path inside the archive");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.isEmpty()) {
        throw new IllegalArgumentException(
            what + " path '" + path + "' must not contain empty or '..' segments");
      }
    }
  }
}
