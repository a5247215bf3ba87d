package dev.vigil.agent.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes a message object by reference on the local event bus. Vigil's messages are immutable
 * records, so sharing them is safe and a 20 ms audio frame is never copied per hop. Messages never
 * leave the process this way: a clustered bus would need a wire codec, and refuses to use this one.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;

    public LocalCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T message) {
        throw new UnsupportedOperationException(type.getSimpleName() + " travels on the local bus only");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(type.getSimpleName() + " travels on the local bus only");
    }

    @Override
    public T transform(T message) {
        return message;
    }

    @Override
    public String name() {
        return "local:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
