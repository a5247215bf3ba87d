package dev.vigil.ros.bag;

/**
 * The constants of the MCAP format (specification at mcap.dev, major version 0): magic and record
 * opcodes.
 */
final class Mcap {

    /** {@code 0x89 M C A P 0 \r \n}: at the start and at the end of every file; '0' is the major version. */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
    /** Opcode (1 byte) and content length (uint64) before every record's content. */
    static final int RECORD_PREFIX = 9;
    /** The footer's content: summary_start, summary_offset_start (uint64), summary_crc (uint32). */
    static final int FOOTER_CONTENT = 20;

    static final int HEADER = 0x01;
    static final int FOOTER = 0x02;
    static final int SCHEMA = 0x03;
    static final int CHANNEL = 0x04;
    static final int MESSAGE = 0x05;
    static final int CHUNK = 0x06;
    static final int MESSAGE_INDEX = 0x07;
    static final int CHUNK_INDEX = 0x08;
    static final int ATTACHMENT = 0x09;
    static final int ATTACHMENT_INDEX = 0x0A;
    static final int STATISTICS = 0x0B;
    static final int METADATA = 0x0C;
    static final int METADATA_INDEX = 0x0D;
    static final int SUMMARY_OFFSET = 0x0E;
    static final int DATA_END = 0x0F;

    private Mcap() {
    }

    /** A record's name for messages: {@code Chunk (0x06)}. */
    static String name(int opcode) {
        String name = switch (opcode) {
            case HEADER -> "Header";
            case FOOTER -> "Footer";
            case SCHEMA -> "Schema";
            case CHANNEL -> "Channel";
            case MESSAGE -> "Message";
            case CHUNK -> "Chunk";
            case MESSAGE_INDEX -> "Message Index";
            case CHUNK_INDEX -> "Chunk Index";
            case ATTACHMENT -> "Attachment";
            case ATTACHMENT_INDEX -> "Attachment Index";
            case STATISTICS -> "Statistics";
            case METADATA -> "Metadata";
            case METADATA_INDEX -> "Metadata Index";
            case SUMMARY_OFFSET -> "Summary Offset";
            case DATA_END -> "Data End";
            default -> opcode >= 0x80 ? "private record" : "unknown record";
        };
        return name + String.format(" (0x%02x)", opcode);
    }
}
