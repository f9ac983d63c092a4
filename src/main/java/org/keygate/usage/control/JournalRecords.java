package org.keygate.usage.control;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The usage journal's file format: records one after another, each framed as a 4-byte payload
 * length, the payload's 4-byte CRC32C, then the payload (a version byte and the fields of a
 * {@link UsageEvent}, big-endian, strings as modified UTF-8 with a null flag). A record cut off by
 * a crash — short, with an impossible length or a checksum that does not match — ends the readable
 * part of its file: it was never fsynced, so no call it belongs to was answered.
 */
public final class JournalRecords {

    static final int HEADER = 8;
    static final int MAX_PAYLOAD = 64 * 1024;
    private static final byte VERSION = 1;
    private static final int MAX_TEXT = 1000;

    private JournalRecords() {
    }

    /** Appends the framed record of {@code event} to {@code out}. */
    public static void write(UsageEvent event, ByteArrayOutputStream out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(192);
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeByte(VERSION);
            text(data, event.requestId());
            text(data, event.keyId());
            text(data, event.teamId());
            text(data, event.model());
            text(data, event.provider());
            data.writeInt(event.status());
            text(data, event.errorCode());
            data.writeLong(event.inputTokens());
            data.writeLong(event.outputTokens());
            data.writeLong(event.cachedTokens());
            data.writeLong(event.reasoningTokens());
            data.writeLong(event.costMicros());
            data.writeInt(event.latencyMs());
            text(data, event.clientIp());
            data.writeLong(event.startedAtMicros());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        byte[] payload = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(payload.length).putInt((int) crc.getValue());
        out.writeBytes(header.array());
        out.writeBytes(payload);
    }

    /**
     * Reads whole, intact records from {@code buffer} (position to limit) into {@code events}, at
     * most {@code max}; leaves the position after the last one read and answers false if it
     * stopped at a torn or damaged record rather than at the end or at {@code max}.
     */
    public static boolean read(ByteBuffer buffer, List<UsageEvent> events, int max) {
        while (events.size() < max && buffer.remaining() > 0) {
            int start = buffer.position();
            if (buffer.remaining() < HEADER) {
                return false;
            }
            int length = buffer.getInt();
            int checksum = buffer.getInt();
            if (length <= 0 || length > MAX_PAYLOAD || buffer.remaining() < length) {
                buffer.position(start);
                return false;
            }
            byte[] payload = new byte[length];
            buffer.get(payload);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            UsageEvent event = (int) crc.getValue() == checksum ? decode(payload) : null;
            if (event == null) {
                buffer.position(start);
                return false;
            }
            events.add(event);
        }
        return true;
    }

    private static UsageEvent decode(byte[] payload) {
        try (DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            if (data.readByte() != VERSION) {
                return null;
            }
            return new UsageEvent(text(data), text(data), text(data), text(data), text(data), data.readInt(),
                    text(data), data.readLong(), data.readLong(), data.readLong(), data.readLong(), data.readLong(),
                    data.readInt(), text(data), data.readLong());
        } catch (IOException e) {
            return null; // a checksum collision on garbage: treat as damaged
        }
    }

    private static void text(DataOutputStream data, String value) throws IOException {
        if (value == null) {
            data.writeBoolean(false);
            return;
        }
        data.writeBoolean(true);
        data.writeUTF(value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value);
    }

    private static String text(DataInputStream data) throws IOException {
        return data.readBoolean() ? data.readUTF() : null;
    }
}
