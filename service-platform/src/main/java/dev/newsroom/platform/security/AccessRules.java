package dev.newsroom.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A service's own rules about which requests need a token or a role. Everything a service does not
 * mention is open (reads, health, the JWK set); the service's handlers still check ownership.
 */
@FunctionalInterface
public interface AccessRules {

    void configure(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);
}
