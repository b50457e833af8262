package dev.newsroom.user.account;

import dev.newsroom.user.UserServiceProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Flux;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserServiceProperties.class)
class AccountConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The unique indexes are what make a username or email taken, even when two registrations race;
     * they exist before the first request is served.
     */
    @Bean
    SmartInitializingSingleton accountIndexes(ReactiveMongoTemplate mongo) {
        return () -> Flux.concat(
                        mongo.indexOps(Account.class)
                                .createIndex(new Index("usernameKey", Sort.Direction.ASC)
                                        .unique()
                                        .named("usernameKey")),
                        mongo.indexOps(Account.class)
                                .createIndex(new Index("emailKey", Sort.Direction.ASC)
                                        .unique()
                                        .named("emailKey")),
                        mongo.indexOps(Follow.class)
                                .createIndex(new Index("followerId", Sort.Direction.ASC).named("followerId")),
                        mongo.indexOps(Follow.class)
                                .createIndex(new Index("followeeId", Sort.Direction.ASC).named("followeeId")),
                        mongo.indexOps(LoginThrottle.COLLECTION)
                                .createIndex(new Index("expiresAt", Sort.Direction.ASC)
                                        .expire(Duration.ZERO)
                                        .named("expiresAt")))
                .blockLast();
    }
}
