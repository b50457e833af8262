package dev.newsroom.user.account;

import java.util.concurrent.Callable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hashes and checks passwords off the event loop: bcrypt takes tens of milliseconds of CPU, which
 * must never run on a Netty thread.
 */
@Component
class Passwords {

    private final PasswordEncoder encoder;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    Mono<String> hash(String password) {
        return offloaded(() -> encoder.encode(password));
    }

    Mono<Boolean> matches(String password, String hash) {
        return offloaded(() -> encoder.matches(password, hash));
    }

    private static <T> Mono<T> offloaded(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
