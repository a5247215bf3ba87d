package dev.vigil.policy.intent.embedding;

/**
 * One sentence as a BERT model takes it: {@code [CLS]} pieces {@code [SEP]}.
 *
 * @param inputIds      vocabulary ids, {@code [CLS]} first and {@code [SEP]} last
 * @param attentionMask 1 for every real token; a single unpadded sentence has no zeros
 * @param tokenTypeIds  all 0: the first (and only) segment
 */
public record Encoding(long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {

    public Encoding {
        if (attentionMask.length != inputIds.length || tokenTypeIds.length != inputIds.length) {
            throw new IllegalArgumentException("encoding arrays differ in length: " + inputIds.length + " ids, "
                    + attentionMask.length + " mask, " + tokenTypeIds.length + " type ids");
        }
    }

    public int length() {
        return inputIds.length;
    }
}
