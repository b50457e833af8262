package dev.newsroom.user.web;

import dev.newsroom.platform.security.NewsroomClaims;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.user.token.ServiceClients;
import dev.newsroom.user.token.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /oauth2/token}: the OAuth2 client-credentials grant (RFC 6749 §4.4) for the service
 * tokens that open {@code /internal/**} and the management operations that change state. The client
 * authenticates with HTTP Basic (client id and secret from {@code SERVICE_CLIENTS}); the body, if
 * any, is {@code grant_type=client_credentials}. The answer is RFC 6749's ({@code access_token},
 * {@code token_type}, {@code expires_in}, {@code scope}); a refusal is in the RealWorld shape.
 *
 * <p>Why a token signed here rather than mutual TLS: every service already verifies this service's
 * signatures, so there is no new trust root and no certificate to issue and rotate on every pod; an
 * operator gets one with {@code curl -u}. Why this path and not one under {@code /internal/}: the
 * internal surface itself needs a service token, and this is where one comes from; it is the usual
 * path of an OAuth2 token endpoint, and the gateway routes nothing outside {@code /api/}, so clients
 * never reach it (docs/operations.md, "Service tokens").
 */
@RestController
class ServiceTokenController {

    static final String PATH = "/oauth2/token";
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ServiceClients clients;
    private final TokenIssuer issuer;

    ServiceTokenController(ServiceClients clients, TokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    @PostMapping(PATH)
    Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange exchange) {
        String[] credentials = basic(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return exchange.getFormData()
                .doOnNext(form -> {
                    String grant = form.getFirst("grant_type");
                    if (grant != null && !grant.equals(CLIENT_CREDENTIALS)) {
                        throw new ApiException(
                                HttpStatus.UNPROCESSABLE_CONTENT, "grant_type", "must be " + CLIENT_CREDENTIALS);
                    }
                })
                // SHA-256 and an RSA signature: CPU work of a millisecond or two, off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(form -> {
                    String[] client = credentials;
                    if (client == null || !clients.authenticate(client[0], client[1])) {
                        throw refused();
                    }
                    TokenIssuer.ServiceToken token = issuer.issueService(client[0]);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("access_token", token.value());
                    body.put("token_type", "Bearer");
                    body.put("expires_in", token.lifetime().toSeconds());
                    body.put("scope", NewsroomClaims.INTERNAL);
                    return ResponseEntity.ok()
                            .cacheControl(CacheControl.noStore())
                            .header(HttpHeaders.PRAGMA, "no-cache")
                            .body(body);
                });
    }

    /** The client id and secret of a {@code Basic} header, or null when there is none or it is malformed. */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static ApiException refused() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "client", "is unknown or its secret is wrong");
    }
}
