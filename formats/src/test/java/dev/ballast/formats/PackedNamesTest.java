package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packed names give back every name as given, as the names kept as strings do. */
class PackedNamesTest {

    @Test
    void givesBackEveryNameAcrossBlocksWithItsHash() {
        List<String> given = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            given.add(i % 1000 == 7 ? null : "vm-" + i + (i % 3 == 0 ? "-é" : "") + (i % 777 == 5 ? "-名前" : ""));
        }
        given.add("x".repeat(300_000)); // longer than a block
        given.add("y".repeat(255));
        given.add("z".repeat(256));
        given.add("");
        given.add("après");
        VmNames packed = new PackedNames();
        VmNames strings = VmNames.asStrings();
        char[] scratch = new char[400_000];
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            if (name != null && i % 2 == 0) {
                name.getChars(0, name.length(), scratch, 0);
                packed.add(scratch, name.length());
                strings.add(scratch, name.length());
            } else {
                packed.add(name);
                strings.add(name);
            }
        }
        assertThat(packed.size()).isEqualTo(given.size());
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            assertThat(packed.get(i)).isEqualTo(name).isEqualTo(strings.get(i));
            assertThat(packed.hashAt(i)).isEqualTo(name == null ? 0 : name.hashCode()).isEqualTo(strings.hashAt(i));
        }
    }

    @Test
    void refusesAnIndexNotAdded() {
        VmNames packed = new PackedNames();
        packed.add("vm-1");
        assertThatThrownBy(() -> packed.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> packed.hashAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
