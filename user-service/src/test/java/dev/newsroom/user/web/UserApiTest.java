package dev.newsroom.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.user.UserServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

@UserServiceTest
class UserApiTest {

    @Autowired
    WebTestClient web;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(web);
    }

    @Test
    void registrationAnswers201WithTheUserAndAToken() {
        String username = Api.uniqueName("reg");
        web.post()
                .uri("/api/users")
                .bodyValue(Map.of(
                        "user",
                        Map.of("username", username, "email", username + "@Example.org", "password", "secret-123")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.user.username")
                .isEqualTo(username)
                .jsonPath("$.user.email")
                .isEqualTo(username + "@Example.org")
                .jsonPath("$.user.token")
                .isNotEmpty()
                .jsonPath("$.user.bio")
                .isEqualTo(null)
                .jsonPath("$.user.image")
                .isEqualTo(null)
                .jsonPath("$.user.password")
                .doesNotExist()
                .jsonPath("$.user.passwordHash")
                .doesNotExist();
    }

    @Test
    void blankRegistrationFieldsAnswer422PerField() {
        web.post()
                .uri("/api/users")
                .bodyValue(Map.of("user", Map.of("username", "", "email", " ")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"username\":[\"can't be blank\"],\"email\":[\"can't be blank\"],"
                        + "\"password\":[\"can't be blank\"]}}");
    }

    @Test
    void aBodyWithoutTheUserEnvelopeAnswers422() {
        post("/api/users", "{\"username\":\"x\"}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"user\":[\"can't be blank\"]}}");
    }

    @Test
    void malformedJsonAndWrongTypesAnswer422NotA500() {
        post("/api/users", "{\"user\": {\"username\": ")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.body")
                .exists();
        post("/api/users", "{\"user\": {\"username\": [1,2], \"email\": {}, \"password\": 5}}")
                .expectStatus()
                .isEqualTo(422);
        post("/api/users", "[]").expectStatus().isEqualTo(422);
    }

    @Test
    void aHugeBodyAnswers413() {
        String huge = "{\"user\":{\"username\":\"" + "x".repeat(200_000) + "\"}}";
        post("/api/users", huge)
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"is too large\"]}}");
    }

    @Test
    void aTakenUsernameOrEmailAnswers409WhateverTheCase() {
        Api.Registered ada = api.register("taken");
        web.post()
                .uri("/api/users")
                .bodyValue(Map.of(
                        "user",
                        Map.of(
                                "username",
                                ada.username().toUpperCase(),
                                "email",
                                "other-" + ada.email(),
                                "password",
                                "secret-123")))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .json("{\"errors\":{\"username\":[\"has already been taken\"]}}");
        web.post()
                .uri("/api/users")
                .bodyValue(Map.of(
                        "user",
                        Map.of(
                                "username",
                                Api.uniqueName("other"),
                                "email",
                                ada.email().toUpperCase(),
                                "password",
                                "secret-123")))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .json("{\"errors\":{\"email\":[\"has already been taken\"]}}");
    }

    @Test
    void concurrentRegistrationsOfOneNameMakeOneAccountAndConflicts() throws Exception {
        String username = Api.uniqueName("race");
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String email = username + "+" + i + "@example.org";
                calls.add(() -> web.post()
                        .uri("/api/users")
                        .bodyValue(
                                Map.of("user", Map.of("username", username, "email", email, "password", "secret-123")))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loginAcceptsTheEmailInAnyCaseAndRefusesAWrongPassword() {
        Api.Registered user = api.register("login");
        String token = api.login(user.email().toUpperCase(), user.password());
        assertThat(token).isNotBlank();

        web.post()
                .uri("/api/users/login")
                .bodyValue(Map.of("user", Map.of("email", user.email(), "password", "wrong-password")))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"credentials\":[\"invalid\"]}}");
        web.post()
                .uri("/api/users/login")
                .bodyValue(Map.of("user", Map.of("email", "nobody-" + user.email(), "password", "whatever1")))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"credentials\":[\"invalid\"]}}");
        web.post()
                .uri("/api/users/login")
                .bodyValue(Map.of("user", Map.of("email", "")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"email\":[\"can't be blank\"],\"password\":[\"can't be blank\"]}}");
    }

    @Test
    void repeatedFailedLoginsAreRefusedWith429AndRetryAfter() {
        Api.Registered user = api.register("throttled");
        String address = "203.0.113." + (Math.abs(user.username().hashCode()) % 250);
        for (int i = 0; i < 5; i++) {
            loginFrom(address, user.email(), "wrong-password").expectStatus().isUnauthorized();
        }
        loginFrom(address, user.email(), user.password())
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.errors.credentials")
                .exists();
    }

    @Test
    void currentUserNeedsAToken() {
        web.get()
                .uri("/api/user")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}");
    }

    @Test
    void currentUserAcceptsTokenAndBearerSpellings() {
        Api.Registered user = api.register("spelling");
        for (String scheme : List.of("Token ", "Bearer ", "token ")) {
            web.get()
                    .uri("/api/user")
                    .header(HttpHeaders.AUTHORIZATION, scheme + user.token())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.user.username")
                    .isEqualTo(user.username());
        }
    }

    @Test
    void aMalformedOrGarbageAuthorizationHeaderAnswers401NotA500() {
        for (String header : List.of("Basic abc", "Token", "Token a b c", "Bearer not.a.jwt", "Token ....")) {
            web.get()
                    .uri("/api/user")
                    .header(HttpHeaders.AUTHORIZATION, header)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.errors.token")
                    .exists();
        }
    }

    @Test
    void updateChangesOnlyTheFieldsSentAndTheNewUsernameSignsIn() {
        Api.Registered user = api.register("upd");
        String newName = Api.uniqueName("renamed");
        web.put()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Token " + user.token())
                .bodyValue(Map.of(
                        "user",
                        Map.of("username", newName, "bio", "I write", "image", "https://img.example.org/me.png")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.username")
                .isEqualTo(newName)
                .jsonPath("$.user.email")
                .isEqualTo(user.email())
                .jsonPath("$.user.bio")
                .isEqualTo("I write")
                .jsonPath("$.user.image")
                .isEqualTo("https://img.example.org/me.png");

        web.get()
                .uri("/api/profiles/" + newName)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.profile.bio")
                .isEqualTo("I write");
        web.get()
                .uri("/api/profiles/" + user.username())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void nullBioAndImageClearThemInTheAnswerAndEveryLaterReadWhileAbsentFieldsStay() {
        Api.Registered user = api.register("clear");
        put(user, "{\"user\":{\"bio\":\"I write\",\"image\":\"https://img.example.org/me.png\"}}")
                .expectStatus()
                .isOk();
        put(user, "{\"user\":{\"bio\":null}}")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"user\":{\"bio\":null,\"image\":\"https://img.example.org/me.png\"}}");
        put(user, "{\"user\":{\"image\":null}}")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"user\":{\"bio\":null,\"image\":null,\"username\":\"" + user.username() + "\"}}");
        web.get()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Token " + user.token())
                .exchange()
                .expectBody()
                .json("{\"user\":{\"bio\":null,\"image\":null}}");
        web.get()
                .uri("/api/profiles/" + user.username())
                .exchange()
                .expectBody()
                .json("{\"profile\":{\"bio\":null,\"image\":null}}");
    }

    @Test
    void nullEmptyOrWrongTypedEmailUsernameOrPasswordAnswer422NamingTheField() {
        Api.Registered user = api.register("blank");
        for (String field : List.of("email", "username", "password")) {
            for (String value : List.of("null", "\"\"", "\"   \"")) {
                put(user, "{\"user\":{\"" + field + "\":" + value + "}}")
                        .expectStatus()
                        .isEqualTo(422)
                        .expectBody()
                        .json("{\"errors\":{\"" + field + "\":[\"can't be blank\"]}}", JsonCompareMode.STRICT);
            }
            put(user, "{\"user\":{\"" + field + "\":42}}")
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"" + field + "\":[\"must be a string\"]}}", JsonCompareMode.STRICT);
        }
        put(user, "{\"user\":{\"bio\":[\"x\"]}}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"bio\":[\"must be a string or null\"]}}", JsonCompareMode.STRICT);
        web.post()
                .uri("/api/users/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":{\"email\":5,\"password\":true}}")
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json(
                        "{\"errors\":{\"email\":[\"must be a string\"],\"password\":[\"must be a string\"]}}",
                        JsonCompareMode.STRICT);
    }

    @Test
    void anUpdateNamingNoFieldAnswers422AndChangesNothing() {
        Api.Registered user = api.register("none");
        put(user, "{\"user\":{}}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.user[0]")
                .isEqualTo("must contain at least one of email, username, password, bio, image");
        put(user, "{\"user\":null}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"user\":[\"can't be blank\"]}}", JsonCompareMode.STRICT);
    }

    private WebTestClient.ResponseSpec put(Api.Registered user, String json) {
        return web.put()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Token " + user.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    @Test
    void aPasswordChangeTakesEffectAndTheOldPasswordStopsWorking() {
        Api.Registered user = api.register("pwd");
        web.put()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + user.token())
                .bodyValue(Map.of("user", Map.of("password", "a-new-password")))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(api.login(user.email(), "a-new-password")).isNotBlank();
        web.post()
                .uri("/api/users/login")
                .bodyValue(Map.of("user", Map.of("email", user.email(), "password", user.password())))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void updatingToATakenUsernameAnswers409AndInvalidValues422() {
        Api.Registered first = api.register("first");
        Api.Registered second = api.register("second");
        web.put()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Token " + second.token())
                .bodyValue(Map.of("user", Map.of("username", first.username())))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .json("{\"errors\":{\"username\":[\"has already been taken\"]}}");
        web.put()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Token " + second.token())
                .bodyValue(Map.of("user", Map.of("email", "nope", "image", "ftp://x")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.email[0]")
                .isEqualTo("is invalid")
                .jsonPath("$.errors.image[0]")
                .isEqualTo("must be an http or https URL");
    }

    @Test
    void unknownProfileAnswers404() {
        web.get()
                .uri("/api/profiles/no-such-user-anywhere")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"profile\":[\"not found\"]}}");
    }

    @Test
    void followingShowsInTheViewersProfileAndIsHarmlessTwice() {
        Api.Registered reader = api.register("reader");
        Api.Registered author = api.register("author");
        for (int i = 0; i < 2; i++) {
            follow(reader, author.username())
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"profile\":{\"username\":\"" + author.username() + "\",\"following\":true}}");
        }
        web.get()
                .uri("/api/profiles/" + author.username())
                .header(HttpHeaders.AUTHORIZATION, "Token " + reader.token())
                .exchange()
                .expectBody()
                .jsonPath("$.profile.following")
                .isEqualTo(true);
        web.get()
                .uri("/api/profiles/" + author.username())
                .exchange()
                .expectBody()
                .jsonPath("$.profile.following")
                .isEqualTo(false);

        for (int i = 0; i < 2; i++) {
            web.delete()
                    .uri("/api/profiles/" + author.username() + "/follow")
                    .header(HttpHeaders.AUTHORIZATION, "Token " + reader.token())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.profile.following")
                    .isEqualTo(false);
        }
    }

    @Test
    void followingYourselfAnswers422AndFollowingNeedsATokenAndAKnownUser() {
        Api.Registered user = api.register("self");
        follow(user, user.username())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"profile\":[\"cannot follow yourself\"]}}");
        follow(user, "nobody-at-all").expectStatus().isNotFound();
        web.delete()
                .uri("/api/profiles/" + user.username() + "/follow")
                .header(HttpHeaders.AUTHORIZATION, "Token " + user.token())
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"profile\":[\"cannot unfollow yourself\"]}}");
        web.post()
                .uri("/api/profiles/" + user.username() + "/follow")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}");
    }

    private WebTestClient.ResponseSpec follow(Api.Registered who, String username) {
        return web.post()
                .uri("/api/profiles/" + username + "/follow")
                .header(HttpHeaders.AUTHORIZATION, "Token " + who.token())
                .exchange();
    }

    private WebTestClient.ResponseSpec loginFrom(String address, String email, String password) {
        return web.post()
                .uri("/api/users/login")
                .header("X-Forwarded-For", address)
                .bodyValue(Map.of("user", Map.of("email", email, "password", password)))
                .exchange();
    }

    private WebTestClient.ResponseSpec post(String uri, String json) {
        return web.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }
}
