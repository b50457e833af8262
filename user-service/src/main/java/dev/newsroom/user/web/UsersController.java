package dev.newsroom.user.web;

import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ClientAddress;
import dev.newsroom.platform.web.RequestFields;
import dev.newsroom.user.account.AccountChanges;
import dev.newsroom.user.account.AccountUpdates;
import dev.newsroom.user.account.Registration;
import dev.newsroom.user.account.SignIn;
import dev.newsroom.user.web.UserJson.User;
import dev.newsroom.user.web.UserJson.UserEnvelope;
import java.util.List;
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
import tools.jackson.databind.JsonNode;

/** RealWorld's authentication endpoints: register, sign in, read and change the current user. */
@RestController
class UsersController {

    private final Registration registration;
    private final SignIn signIn;
    private final AccountUpdates updates;

    UsersController(Registration registration, SignIn signIn, AccountUpdates updates) {
        this.registration = registration;
        this.signIn = signIn;
        this.updates = updates;
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserEnvelope<User>> register(@RequestBody(required = false) JsonNode request) {
        RequestFields user = RequestFields.of(request, "user");
        String username = user.required("username");
        String email = user.required("email");
        String password = user.required("password");
        user.throwIfInvalid();
        return registration.register(username, email, password).map(User::of).map(UserEnvelope::new);
    }

    @PostMapping("/api/users/login")
    Mono<UserEnvelope<User>> login(@RequestBody(required = false) JsonNode request, ServerHttpRequest http) {
        RequestFields login = RequestFields.of(request, "user");
        String email = login.required("email");
        String password = login.required("password");
        login.throwIfInvalid();
        return signIn.login(email, password, ClientAddress.of(http))
                .map(User::of)
                .map(UserEnvelope::new);
    }

    @GetMapping("/api/user")
    Mono<UserEnvelope<User>> current(@AuthenticationPrincipal Jwt token) {
        return signIn.current(CurrentUser.of(token).id()).map(User::of).map(UserEnvelope::new);
    }

    /**
     * Absent fields stay as they are; {@code bio} and {@code image} are cleared by {@code null} (or an
     * empty string); email, username and password cannot be blanked. RealWorld asks for at least one
     * field, so a body that names none is refused rather than taken as a no-op.
     */
    @PutMapping("/api/user")
    Mono<UserEnvelope<User>> update(
            @AuthenticationPrincipal Jwt token, @RequestBody(required = false) JsonNode request) {
        RequestFields user = RequestFields.of(request, "user");
        if (!user.hasAny(CHANGEABLE)) {
            user.add("user", "must contain at least one of " + String.join(", ", CHANGEABLE));
        }
        AccountChanges changes = new AccountChanges(
                user.optional("email"),
                user.optional("username"),
                user.optional("password"),
                user.nullable("bio"),
                user.nullable("image"));
        user.throwIfInvalid();
        return updates.update(CurrentUser.of(token).id(), changes).map(User::of).map(UserEnvelope::new);
    }

    private static final List<String> CHANGEABLE = List.of("email", "username", "password", "bio", "image");
}
