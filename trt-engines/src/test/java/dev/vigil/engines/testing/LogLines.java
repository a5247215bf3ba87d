package dev.vigil.engines.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** What one logger logs while open, each record as "LEVEL message" with its parameters filled in. */
public final class LogLines implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      lines.add(r.getLevel() + " " + new SimpleFormatter().formatMessage(r));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogLines(String logger) {
    this.logger = Logger.getLogger(logger);
    this.logger.addHandler(capture);
  }

  /** Starts capturing {@code logger}'s records. */
  public static LogLines of(String logger) {
    return new LogLines(logger);
  }

  /** The lines so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.removeHandler(capture);
  }
}
