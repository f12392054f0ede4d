package dev.ballast.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Numbers of one width for millions of elements (a VM's memory, its name's hash), kept outside
 * the heap in blocks of a mebibyte. What a large snapshot's check keeps until its end was, in
 * the heap, copied by the collector at each young collection and scanned by its concurrent
 * marking, and while marking ran every reference the parser stored (millions a second) took
 * the collector's slow path; outside the heap, none of that. The blocks are freed with the
 * column, when the collector finds it unreachable.
 */
final class NativeColumn {

    private static final int BLOCK_BYTES = 1 << 20;

    private final int shift;
    private final int perBlockShift;
    private final List<ByteBuffer> blocks = new ArrayList<>();
    private ByteBuffer last;
    private int size;

    /** @param width the bytes of each element: 1, 4 or 8 */
    NativeColumn(int width) {
        shift = switch (width) {
            case 1 -> 0;
            case 4 -> 2;
            case 8 -> 3;
            default -> throw new IllegalArgumentException("width " + width + " is not 1, 4 or 8");
        };
        perBlockShift = 20 - shift;
    }

    int size() {
        return size;
    }

    void addByte(byte value) {
        next().put(offset(size++), value);
    }

    void addInt(int value) {
        next().putInt(offset(size++), value);
    }

    void addLong(long value) {
        next().putLong(offset(size++), value);
    }

    void addDouble(double value) {
        next().putDouble(offset(size++), value);
    }

    byte byteAt(int index) {
        return block(index).get(offset(index));
    }

    int intAt(int index) {
        return block(index).getInt(offset(index));
    }

    long longAt(int index) {
        return block(index).getLong(offset(index));
    }

    double doubleAt(int index) {
        return block(index).getDouble(offset(index));
    }

    /** Every element, as longs, into a new array: for a column of width 8. */
    long[] toLongArray() {
        if (shift != 3) {
            throw new IllegalStateException("a column of " + (1 << shift) + "-byte elements is not of longs");
        }
        long[] values = new long[size];
        int perBlock = 1 << perBlockShift;
        for (int block = 0, at = 0; at < size; block++, at += perBlock) {
            blocks.get(block).duplicate().order(ByteOrder.nativeOrder()).asLongBuffer()
                    .get(values, at, Math.min(perBlock, size - at));
        }
        return values;
    }

    private ByteBuffer next() {
        if ((size & (1 << perBlockShift) - 1) == 0) {
            last = ByteBuffer.allocateDirect(BLOCK_BYTES).order(ByteOrder.nativeOrder());
            blocks.add(last);
        }
        return last;
    }

    private ByteBuffer block(int index) {
        Objects.checkIndex(index, size);
        return blocks.get(index >>> perBlockShift);
    }

    private int offset(int index) {
        return (index & (1 << perBlockShift) - 1) << shift;
    }
}
