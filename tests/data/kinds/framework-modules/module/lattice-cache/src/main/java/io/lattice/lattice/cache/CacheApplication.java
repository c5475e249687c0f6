package io.lattice.lattice.cache;

public class CacheApplication {}
