package dev.vigil.ros.bag;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An MCAP file that cannot be read, or read no further: bad magic, a file cut short, a record whose
 * length runs past the end, a CRC mismatch, an unsupported compression, a field that is not what
 * the specification says. The message is one line: {@code <file>: byte <offset>: <problem>}.
 */
public final class McapException extends IOException {

    private final transient Path file;
    private final long offset;
    private final String problem;

    /**
     * @param file    the file read
     * @param offset  where in the file the problem is, in bytes from its start (for a record inside a
     *                chunk: the chunk's offset; {@code problem} says where inside)
     * @param problem what is wrong, one line
     */
    public McapException(Path file, long offset, String problem) {
        super(file + ": byte " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
        this.problem = problem;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Bytes from the start of the file to the record or field at fault. */
    public long offset() {
        return offset;
    }

    /** The problem alone, without the file and offset. */
    public String problem() {
        return problem;
    }
}
