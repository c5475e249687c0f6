package com.acme.orders;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final JdbcTemplate jdbc;

    OrderController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/orders")
    List<Map<String, Object>> recent() {
        return jdbc.queryForList("SELECT id, customer, status, created_at FROM orders ORDER BY created_at DESC LIMIT 50");
    }
}
