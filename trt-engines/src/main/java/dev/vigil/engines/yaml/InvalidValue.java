package dev.vigil.engines.yaml;

/**
 * A value refused by a record bound from YAML, naming its key relative to that record
 * ({@code min_word_confidence}, {@code source.npm}) so that {@link StrictYaml#explain} can report
 * the full key path. To other callers it is an ordinary {@link IllegalArgumentException}.
 */
public class InvalidValue extends IllegalArgumentException {

  private final String key;
  private final String problem;

  /**
   * @param key the refused key, relative to the record that refuses it; empty for the record itself
   * @param problem what is wrong, one line
   */
  public InvalidValue(String key, String problem) {
    super(key.isEmpty() ? problem : key + ": " + problem);
    this.key = key;
    this.problem = problem;
  }

  /** The refused key relative to its record, or empty. */
  public String key() {
    return key;
  }

  /** What is wrong, without the key. */
  public String problem() {
    return problem;
  }

  /** Throws an {@link InvalidValue} for {@code key} unless {@code ok}. */
  public static void check(boolean ok, String key, String problem) {
    if (!ok) {
      throw new InvalidValue(key, problem);
    }
  }
}
