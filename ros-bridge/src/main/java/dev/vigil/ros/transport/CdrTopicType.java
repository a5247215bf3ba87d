package dev.vigil.ros.transport;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;
import dev.vigil.ros.msg.RosType;
import us.ihmc.idl.CDR;
import us.ihmc.idl.InterchangeSerializer;
import us.ihmc.pubsub.TopicDataType;
import us.ihmc.pubsub.common.SerializedPayload;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link RosType} as the DDS library's {@code TopicDataType}, over a mutable holder ({@link Sample}):
 * the library fills a sample it made itself. A sample that does not parse is kept as its problem, not
 * thrown: the library would print a stack trace and drop it silently.
 */
final class CdrTopicType<T> implements TopicDataType<CdrTopicType.Sample<T>> {

    /** One message on its way, or the reason a received one is not. */
    static final class Sample<T> {
        T message;
        String problem;
    }

    private final RosType<T> type;

    CdrTopicType(RosType<T> type) {
        this.type = type;
    }

    @Override
    public void serialize(Sample<T> data, SerializedPayload payload) throws IOException {
        ByteBuffer buf = payload.getData();
        buf.clear();
        try {
            type.write(data.message, new CdrWriter(buf));
        } catch (CdrException e) {
            throw new IOException(type.name() + ": " + e.getMessage());
        }
        buf.flip();
        payload.setEncapsulation(SerializedPayload.CDR_LE);
        payload.setLength(buf.limit());
    }

    @Override
    public void deserialize(SerializedPayload payload, Sample<T> data) {
        ByteBuffer buf = payload.getData().duplicate();
        buf.position(0).limit(payload.getLength());
        try {
            data.message = type.read(new CdrReader(buf));
            data.problem = null;
        } catch (CdrException | RuntimeException e) {
            data.message = null;
            data.problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    @Override
    public void serialize(Sample<T> data, InterchangeSerializer serializer) {
        throw new UnsupportedOperationException("only CDR");
    }

    @Override
    public void deserialize(InterchangeSerializer serializer, Sample<T> data) {
        throw new UnsupportedOperationException("only CDR");
    }

    @Override
    public void serialize(Sample<T> data, CDR cdr) {
        throw new UnsupportedOperationException("written with CdrWriter");
    }

    @Override
    public void deserialize(Sample<T> data, CDR cdr) {
        throw new UnsupportedOperationException("read with CdrReader");
    }

    @Override
    public void copy(Sample<T> src, Sample<T> dest) {
        dest.message = src.message;
        dest.problem = src.problem;
    }

    @Override
    public int getTypeSize() {
        return type.maxBytes();
    }

    @Override
    public String getName() {
        return type.ddsName();
    }

    @Override
    public Sample<T> createData() {
        return new Sample<>();
    }

    @Override
    public TopicDataType<Sample<T>> newInstance() {
        return new CdrTopicType<>(type);
    }
}
