package dev.newsroom.platform.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the token from {@code Authorization: Token <jwt>} (the RealWorld spelling) or {@code Bearer
 * <jwt>} (what most clients send). No header means an anonymous request; any other header is refused
 * as malformed rather than silently ignored, so a client with a broken header learns why.
 */
final class TokenAuthenticationConverter implements ServerAuthenticationConverter {

    private static final Pattern AUTHORIZATION =
            Pattern.compile("^(?:Token|Bearer) +([A-Za-z0-9._~+/-]+=*) *$", Pattern.CASE_INSENSITIVE);

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Mono.empty();
        }
        Matcher matcher = AUTHORIZATION.matcher(header);
        if (!matcher.matches()) {
            return Mono.error(new InvalidBearerTokenException(TokenErrors.MALFORMED));
        }
        return Mono.just(new BearerTokenAuthenticationToken(matcher.group(1)));
    }
}
