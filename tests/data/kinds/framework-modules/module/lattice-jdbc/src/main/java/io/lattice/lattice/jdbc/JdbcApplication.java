package io.lattice.lattice.jdbc;

public class JdbcApplication {}
