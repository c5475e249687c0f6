package com.acme.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuotaController {

    private static final long LIMIT = 100;
    private final StringRedisTemplate redis;

    QuotaController(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @PostMapping("/quota/{client}")
    ResponseEntity<Map<String, Long>> take(@PathVariable String client) {
        String key = "quota:" + client;
        Long used = redis.opsForValue().increment(key);
        if (used != null && used == 1) {
            redis.expire(key, Duration.ofMinutes(1));
        }
        long count = used == null ? 0 : used;
        return count > LIMIT
                ? ResponseEntity.status(429).body(Map.of("used", count))
                : ResponseEntity.ok(Map.of("used", count, "left", LIMIT - count));
    }
}
