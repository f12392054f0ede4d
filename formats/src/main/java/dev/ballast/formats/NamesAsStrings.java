package dev.ballast.formats;

import java.util.ArrayList;
import java.util.List;

/** The names of VMs as strings, one each: see {@link VmNames#asStrings}. */
final class NamesAsStrings implements VmNames {

    private final List<String> names = new ArrayList<>();

    @Override
    public void add(String name) {
        names.add(name);
    }

    @Override
    public void add(char[] chars, int length) {
        names.add(new String(chars, 0, length));
    }

    @Override
    public String get(int index) {
        return names.get(index);
    }

    @Override
    public int hashAt(int index) {
        String name = names.get(index);
        return name == null ? 0 : name.hashCode();
    }

    @Override
    public int size() {
        return names.size();
    }
}
