package dev.newsroom.user.web;

import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.ClientAddress;
import dev.newsroom.user.account.AccountChanges;
import dev.newsroom.user.account.AccountService;
import dev.newsroom.user.web.UserJson.Changes;
import dev.newsroom.user.web.UserJson.Login;
import dev.newsroom.user.web.UserJson.Registration;
import dev.newsroom.user.web.UserJson.User;
import dev.newsroom.user.web.UserJson.UserEnvelope;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** RealWorld's authentication endpoints: register, sign in, read and change the current user. */
@RestController
class UsersController {

    private final AccountService accounts;

    UsersController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserEnvelope<User>> register(@RequestBody(required = false) UserEnvelope<Registration> request) {
        Registration user = unwrap(request);
        return accounts.register(user.username(), user.email(), user.password())
                .map(User::of)
                .map(UserEnvelope::new);
    }

    @PostMapping("/api/users/login")
    Mono<UserEnvelope<User>> login(@RequestBody(required = false) UserEnvelope<Login> request, ServerHttpRequest http) {
        Login login = unwrap(request);
        return accounts.login(login.email(), login.password(), ClientAddress.of(http))
                .map(User::of)
                .map(UserEnvelope::new);
    }

    @GetMapping("/api/user")
    Mono<UserEnvelope<User>> current(@AuthenticationPrincipal Jwt token) {
        return accounts.current(CurrentUser.of(token).id()).map(User::of).map(UserEnvelope::new);
    }

    @PutMapping("/api/user")
    Mono<UserEnvelope<User>> update(
            @AuthenticationPrincipal Jwt token, @RequestBody(required = false) UserEnvelope<Changes> request) {
        Changes changes = unwrap(request);
        return accounts.update(
                        CurrentUser.of(token).id(),
                        new AccountChanges(
                                changes.email(),
                                changes.username(),
                                changes.password(),
                                changes.bio(),
                                changes.image()))
                .map(User::of)
                .map(UserEnvelope::new);
    }

    /** RealWorld bodies are wrapped in {@code {"user": …}}; a body without it is a client error. */
    private static <T> T unwrap(UserEnvelope<T> request) {
        if (request == null || request.user() == null) {
            throw ApiException.invalid("user", "can't be blank");
        }
        return request.user();
    }
}
