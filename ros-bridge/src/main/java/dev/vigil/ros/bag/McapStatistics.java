package dev.vigil.ros.bag;

import java.util.Map;

/**
 * An MCAP Statistics record (op 0x0B), from a file's summary section.
 *
 * @param messageCount         Message records in the file
 * @param schemaCount          schema ids in the file
 * @param channelCount         channel ids in the file
 * @param attachmentCount      Attachment records
 * @param metadataCount        Metadata records
 * @param chunkCount           Chunk records
 * @param messageStartTime     earliest log time, ns (0 without messages)
 * @param messageEndTime       latest log time, ns (0 without messages)
 * @param channelMessageCounts channel id → messages on it
 */
public record McapStatistics(long messageCount, int schemaCount, long channelCount, long attachmentCount,
                             long metadataCount, long chunkCount, long messageStartTime, long messageEndTime,
                             Map<Integer, Long> channelMessageCounts) {

    public McapStatistics {
        channelMessageCounts = Map.copyOf(channelMessageCounts);
    }
}
