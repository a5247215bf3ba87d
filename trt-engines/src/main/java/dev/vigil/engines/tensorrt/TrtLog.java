package dev.vigil.engines.tensorrt;

import java.lang.System.Logger.Level;
import org.bytedeco.tensorrt.nvinfer.ILogger;

/**
 * TensorRT's log, into Vigil's: errors and warnings as such, TensorRT's info and verbose lines at
 * debug and trace. Keeps the last error, since TensorRT's calls only say that they failed and the
 * reason is what was logged just before. Must outlive every TensorRT object made with it: TensorRT
 * calls back into it.
 */
final class TrtLog extends ILogger {

  private static final System.Logger LOG = System.getLogger(TrtLog.class.getName());

  private final String model;
  private volatile String lastError;

  /** A log whose lines name {@code model}. */
  TrtLog(String model) {
    this.model = model;
  }

  @Override
  public void log(Severity severity, String message) {
    // intern(): JavaCPP hands callbacks constants that are not always the enum's own.
    Level level = switch (severity.intern()) {
      case kINTERNAL_ERROR, kERROR -> Level.ERROR;
      case kWARNING -> Level.WARNING;
      case kINFO -> Level.DEBUG;
      default -> Level.TRACE;
    };
    if (level == Level.ERROR) {
      lastError = message;
    }
    LOG.log(level, "model ''{0}'': TensorRT: {1}", model, message);
  }

  /** TensorRT's last error line, or a note that it logged none. */
  String lastError() {
    String e = lastError;
    return e == null ? "TensorRT logged no error" : e.strip();
  }
}
