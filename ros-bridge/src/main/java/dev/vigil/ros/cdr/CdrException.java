package dev.vigil.ros.cdr;

/**
 * A sample that is not valid CDR for its type: truncated, a length past its end, a string that is
 * not NUL-terminated UTF-8, an unknown encapsulation. The message is one line naming the problem and
 * the byte offset.
 */
public final class CdrException extends Exception {

    public CdrException(String message) {
        super(message);
    }
}
