package dev.vigil.engines.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Verifying: the SHA-256 that pins every cached model to its manifest. */
public final class Sha256 {

  private Sha256() {}

  /** Lower-case hex SHA-256 of a file's bytes. */
  public static String of(Path file) throws IOException {
    MessageDigest sha = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return hex(sha);
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Lower-case hex of {@code sha}'s digest (which resets it). */
  public static String hex(MessageDigest sha) {
    return HexFormat.of().formatHex(sha.digest());
  }
}
