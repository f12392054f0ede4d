package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A column outside the heap gives back every element as added, across its blocks. */
class NativeColumnTest {

    @Test
    void givesBackEveryElementOfEachWidthAcrossBlocks() {
        int count = 300_000; // more than a block of each width
        NativeColumn bytes = new NativeColumn(1);
        NativeColumn ints = new NativeColumn(4);
        NativeColumn longs = new NativeColumn(8);
        NativeColumn doubles = new NativeColumn(8);
        for (int i = 0; i < count * 4; i++) {
            bytes.addByte((byte) (i * 7));
        }
        for (int i = 0; i < count; i++) {
            ints.addInt(i * 31 - 5);
            longs.addLong((long) i << 33 | i);
            doubles.addDouble(i / 3.0);
        }
        assertThat(bytes.size()).isEqualTo(count * 4);
        assertThat(ints.size()).isEqualTo(count);
        for (int i = 0; i < count * 4; i++) {
            assertThat(bytes.byteAt(i)).isEqualTo((byte) (i * 7));
        }
        long[] all = longs.toLongArray();
        assertThat(all).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(ints.intAt(i)).isEqualTo(i * 31 - 5);
            assertThat(longs.longAt(i)).isEqualTo((long) i << 33 | i).isEqualTo(all[i]);
            assertThat(doubles.doubleAt(i)).isEqualTo(i / 3.0);
        }
    }

    @Test
    void refusesWhatItDoesNotHold() {
        NativeColumn ints = new NativeColumn(4);
        ints.addInt(1);
        assertThatThrownBy(() -> ints.intAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(ints::toLongArray).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new NativeColumn(2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new NativeColumn(8).toLongArray()).isEmpty();
    }
}
