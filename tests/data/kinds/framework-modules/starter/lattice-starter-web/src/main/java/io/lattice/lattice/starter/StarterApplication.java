package io.lattice.lattice.starter;

public class StarterApplication {}
