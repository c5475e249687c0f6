package smoketest.web;

public class SampleWebApplication {
    public static void main(String[] args) {}
}
