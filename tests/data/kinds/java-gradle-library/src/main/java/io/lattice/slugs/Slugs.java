package io.lattice.slugs;

public final class Slugs {
    private Slugs() {}

    public static String of(String text) {
        return text.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
