package dev.vigil.speech.asr.whisper;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Olive Whisper graph opened up for a decoder prompt and for its beam search's other readings,
 * and the detokenizer's vocabulary read out of it.
 * <ul>
 *   <li>The graph's {@code BeamSearch} node (ONNX Runtime contrib op) takes an optional
 *       {@code decoder_input_ids} input, int32[batch, n]: the tokens the decoder is forced to start
 *       with, which is how Whisper is given a prompt (its reference transcriber's
 *       {@code initial_prompt}: {@code <|startofprev|>} words {@code <|startoftranscript|>
 *       <|notimestamps|>}). Olive left that input unconnected; {@link #withDecoderPrompt} connects it
 *       to a new graph input of that name.
 *   <li>The node's output {@value #SEQUENCES}, int32[batch, num_return_sequences, length], becomes a
 *       graph output too: the graph's own detokenizer ({@code BpeDecoder} of onnxruntime-extensions
 *       0.13) writes one string for one sequence, but for several it ran them together (each string
 *       every reading from its own on, then zero tokens, "!!!!"), so the n-best readings are
 *       detokenized here ({@link Vocabulary#text}).
 * </ul>
 * <p>
 * The edit works on the model's protobuf wire form with protobuf-java's {@link UnknownFieldSet}, field
 * numbers from ONNX's {@code onnx.proto} (ModelProto.graph 7; GraphProto.node 1, input 11;
 * NodeProto.input 1, op_type 4, attribute 5; AttributeProto.name 1, s 4; ValueInfoProto.name 1,
 * type 2; TypeProto.tensor_type 1; TypeProto.Tensor.elem_type 1, shape 2; TensorShapeProto.dim 1;
 * Dimension.dim_value 1, dim_param 2): no generated ONNX classes are needed for two fields.
 */
final class WhisperGraph {

    /** The graph input {@link #withDecoderPrompt} adds. */
    static final String DECODER_INPUT_IDS = "decoder_input_ids";
    /** The beam search's output {@link #withDecoderPrompt} makes a graph output. */
    static final String SEQUENCES = "sequences";
    /** BeamSearch's input index for it (contrib op schema: after vocab_mask, prefix_vocab_mask, attention_mask). */
    private static final int DECODER_INPUT_IDS_INDEX = 10;
    private static final int INT32 = 6;

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_S = 4;

    /** The model as edited, and the detokenizer's tables. */
    record Opened(byte[] model, Vocabulary vocabulary) {
    }

    /**
     * The detokenizer's tables ({@code BpeDecoder} attributes of onnxruntime-extensions).
     *
     * @param tokens      token text by id, in GPT-2's byte-level alphabet ("Ġgo" is " go")
     * @param special     special tokens by text ({@code <|startofprev|>} → its id)
     * @param byteToChar  the byte-level alphabet: the char each UTF-8 byte value (0–255) is written as
     * @param charToByte  the same, back: the byte each char stands for, by char; −1 for none
     */
    record Vocabulary(List<String> tokens, Map<String, Integer> special, char[] byteToChar, int[] charToByte) {
        /** The tables, and {@code charToByte} made from {@code byteToChar}. */
        Vocabulary(List<String> tokens, Map<String, Integer> special, char[] byteToChar) {
            this(tokens, special, byteToChar, inverse(byteToChar));
        }

        private static int[] inverse(char[] byteToChar) {
            int[] charToByte = new int[Character.MAX_VALUE + 1];
            java.util.Arrays.fill(charToByte, -1);
            for (int b = 0; b < byteToChar.length; b++) {
                charToByte[byteToChar[b]] = b;
            }
            return charToByte;
        }

        /**
         * The text of tokens {@code from} (inclusive) on, special tokens (start, end, padding, task,
         * timestamps: every id the graph's {@code added_tokens} names, or beyond the vocabulary) left
         * out, as the graph's detokenizer writes it with {@code skip_special_tokens}: each token's
         * chars back to the UTF-8 bytes they stand for.
         */
        String text(int[] ids, int from) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (int i = from; i < ids.length; i++) {
                int id = ids[i];
                if (id < 0 || id >= tokens.size() || special.containsValue(id)) {
                    continue;
                }
                for (char c : tokens.get(id).toCharArray()) {
                    if (charToByte[c] >= 0) {
                        bytes.write(charToByte[c]);
                    }
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** The id of a special token such as {@code <|startoftranscript|>}; one line when the graph has none. */
        int special(String text) {
            Integer id = special.get(text);
            if (id == null) {
                throw new IllegalArgumentException("the graph's detokenizer has no token " + text);
            }
            return id;
        }
    }

    private WhisperGraph() {
    }

    /**
     * Connects the BeamSearch node's {@value #DECODER_INPUT_IDS} to a new graph input (int32[1, n])
     * and reads the detokenizer's vocabulary.
     *
     * @param model the Olive graph's bytes
     * @throws IllegalArgumentException one line: not a model, no BeamSearch or BpeDecoder node, or the
     *                                  input already taken
     */
    static Opened withDecoderPrompt(byte[] model) {
        try {
            UnknownFieldSet modelProto = UnknownFieldSet.parseFrom(model);
            List<ByteString> graphs = lengthDelimited(modelProto, MODEL_GRAPH);
            if (graphs.size() != 1) {
                throw new IllegalArgumentException("no graph in the model");
            }
            UnknownFieldSet graph = UnknownFieldSet.parseFrom(graphs.get(0));
            List<ByteString> nodes = new ArrayList<>(lengthDelimited(graph, GRAPH_NODE));
            int beamSearch = -1;
            Vocabulary vocabulary = null;
            for (int i = 0; i < nodes.size(); i++) {
                UnknownFieldSet node = UnknownFieldSet.parseFrom(nodes.get(i));
                String op = string(node, NODE_OP_TYPE);
                if (op.equals("BeamSearch")) {
                    beamSearch = i;
                } else if (op.equals("BpeDecoder")) {
                    vocabulary = vocabulary(node);
                }
            }
            if (beamSearch < 0 || vocabulary == null) {
                throw new IllegalArgumentException("the graph has no " + (beamSearch < 0 ? "BeamSearch" : "BpeDecoder")
                        + " node: not the Olive Whisper graph");
            }
            nodes.set(beamSearch, withInput(UnknownFieldSet.parseFrom(nodes.get(beamSearch))).toByteString());
            UnknownFieldSet.Builder editedGraph = UnknownFieldSet.newBuilder(graph)
                    .clearField(GRAPH_NODE).addField(GRAPH_NODE, delimited(nodes))
                    .mergeField(GRAPH_INPUT, delimited(List.of(promptInput())))
                    .mergeField(GRAPH_OUTPUT, delimited(List.of(sequencesOutput())));
            byte[] edited = UnknownFieldSet.newBuilder(modelProto).clearField(MODEL_GRAPH)
                    .addField(MODEL_GRAPH, delimited(List.of(editedGraph.build().toByteString())))
                    .build().toByteArray();
            return new Opened(edited, vocabulary);
        } catch (InvalidProtocolBufferException e) {
            // protobuf's message goes on for two more sentences of advice.
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage().split("\\.  ", 2)[0], e);
        }
    }

    /** The BeamSearch node with {@value #DECODER_INPUT_IDS} at its input index 10. */
    private static UnknownFieldSet withInput(UnknownFieldSet node) {
        List<ByteString> inputs = new ArrayList<>(lengthDelimited(node, NODE_INPUT));
        while (inputs.size() <= DECODER_INPUT_IDS_INDEX) {
            inputs.add(ByteString.EMPTY);
        }
        if (!inputs.get(DECODER_INPUT_IDS_INDEX).isEmpty()) {
            throw new IllegalArgumentException("BeamSearch already takes decoder_input_ids from '"
                    + inputs.get(DECODER_INPUT_IDS_INDEX).toStringUtf8() + "'");
        }
        inputs.set(DECODER_INPUT_IDS_INDEX, ByteString.copyFromUtf8(DECODER_INPUT_IDS));
        return UnknownFieldSet.newBuilder(node).clearField(NODE_INPUT).addField(NODE_INPUT, delimited(inputs)).build();
    }

    /** ValueInfoProto {name: decoder_input_ids, type: tensor int32 [1, "prompt"]}. */
    private static ByteString promptInput() {
        UnknownFieldSet batch = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build();
        UnknownFieldSet length = UnknownFieldSet.newBuilder()
                .addField(2, delimited(List.of(ByteString.copyFromUtf8("prompt")))).build();
        UnknownFieldSet shape = UnknownFieldSet.newBuilder()
                .addField(1, delimited(List.of(batch.toByteString(), length.toByteString()))).build();
        UnknownFieldSet tensor = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(INT32).build())
                .addField(2, delimited(List.of(shape.toByteString()))).build();
        UnknownFieldSet type = UnknownFieldSet.newBuilder().addField(1, delimited(List.of(tensor.toByteString()))).build();
        return UnknownFieldSet.newBuilder()
                .addField(1, delimited(List.of(ByteString.copyFromUtf8(DECODER_INPUT_IDS))))
                .addField(2, delimited(List.of(type.toByteString()))).build().toByteString();
    }

    /** ValueInfoProto {name: sequences, type: tensor int32}; its shape is the beam search's. */
    private static ByteString sequencesOutput() {
        UnknownFieldSet tensor = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(INT32).build()).build();
        UnknownFieldSet type = UnknownFieldSet.newBuilder().addField(1, delimited(List.of(tensor.toByteString()))).build();
        return UnknownFieldSet.newBuilder()
                .addField(1, delimited(List.of(ByteString.copyFromUtf8(SEQUENCES))))
                .addField(2, delimited(List.of(type.toByteString()))).build().toByteString();
    }

    /**
     * The BpeDecoder's {@code id_vocab} (a token a line, by id), {@code added_tokens} ("id\ttext" lines)
     * and {@code byte_decoder} ("char\tbyte" lines, the char as its code point).
     */
    private static Vocabulary vocabulary(UnknownFieldSet node) throws InvalidProtocolBufferException {
        Map<String, String> attributes = new HashMap<>();
        for (ByteString a : lengthDelimited(node, NODE_ATTRIBUTE)) {
            UnknownFieldSet attribute = UnknownFieldSet.parseFrom(a);
            attributes.put(string(attribute, ATTRIBUTE_NAME), string(attribute, ATTRIBUTE_S));
        }
        for (String needed : List.of("id_vocab", "added_tokens", "byte_decoder")) {
            if (attributes.getOrDefault(needed, "").isEmpty()) {
                throw new IllegalArgumentException("the graph's BpeDecoder has no " + needed);
            }
        }
        List<String> tokens = List.of(attributes.get("id_vocab").split("\n", -1));
        Map<String, Integer> special = new HashMap<>();
        for (String line : attributes.get("added_tokens").split("\n")) {
            String[] idText = line.split("\t", 2);
            if (idText.length == 2) {
                special.put(idText[1], Integer.parseInt(idText[0].strip()));
            }
        }
        char[] byteToChar = new char[256];
        for (String line : attributes.get("byte_decoder").split("\n")) {
            String[] charByte = line.split("\t", 2);
            if (charByte.length == 2) {
                byteToChar[Integer.parseInt(charByte[1].strip())] = (char) Integer.parseInt(charByte[0].strip());
            }
        }
        return new Vocabulary(tokens, Map.copyOf(special), byteToChar);
    }

    private static List<ByteString> lengthDelimited(UnknownFieldSet set, int field) {
        return set.hasField(field) ? set.getField(field).getLengthDelimitedList() : List.of();
    }

    private static String string(UnknownFieldSet set, int field) {
        List<ByteString> values = lengthDelimited(set, field);
        return values.isEmpty() ? "" : values.get(0).toString(StandardCharsets.UTF_8);
    }

    private static UnknownFieldSet.Field delimited(List<ByteString> values) {
        UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
        values.forEach(field::addLengthDelimited);
        return field.build();
    }
}
