package io.lattice.lattice.web;

public class WebServerApplication {
    public void start(int port) {}
}
