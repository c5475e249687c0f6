package io.lattice.slugs;

class SlugsTest {}
