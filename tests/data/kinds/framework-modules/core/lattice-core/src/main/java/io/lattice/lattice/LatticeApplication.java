package io.lattice.lattice;

public class LatticeApplication {
    public static void run(Class<?> source, String... args) {}
}
