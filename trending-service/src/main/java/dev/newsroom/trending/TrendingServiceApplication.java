package dev.newsroom.trending;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TrendingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrendingServiceApplication.class, args);
    }
}
