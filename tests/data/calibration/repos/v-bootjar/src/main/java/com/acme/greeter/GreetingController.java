package com.acme.greeter;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class GreetingController {

    private final String salutation;

    GreetingController(@Value("${greeter.salutation:Hello}") String salutation) {
        this.salutation = salutation;
    }

    @GetMapping("/greeting")
    Map<String, String> greeting(@RequestParam(defaultValue = "world") String name) {
        return Map.of("message", salutation + ", " + name + "!");
    }
}
