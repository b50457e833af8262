package dev.newsroom.platform.security;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is its own OAuth2 resource server: it verifies the RS256 tokens user-service signs
 * (against the published JWK set, or the key itself in user-service), accepts {@code Token} and
 * {@code Bearer}, turns the {@code roles} claim into {@code ROLE_*} authorities, and answers failures
 * in the RealWorld shape. Which paths need a token is each service's {@link AccessRules}.
 *
 * <p>Two chains. The internal surface ({@link InternalSurface}: {@code /internal/**} and the
 * management operations that change state) takes only a service token ({@link ServiceTokenDecoder}),
 * whoever the caller is and wherever it calls from: network position is not a credential. Everything
 * else takes only users' tokens ({@link UserTokenDecoder}). Both verify signatures with the one
 * {@link ReactiveJwtDecoder} the service has, so service tokens need no trust root of their own.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(SecurityObservationsOff.class)
public class SecurityAutoConfiguration {

    /**
     * Before the users' chain. {@code newsroom.security.serves-internal=false} (the gateway, which
     * answers {@code /internal/**} with 404 and never routes it) leaves only the management operations.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    @ConditionalOnMissingBean(name = "newsroomInternalSecurity")
    SecurityWebFilterChain newsroomInternalSecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder decoder,
            JsonMapper json,
            @Value("${newsroom.security.serves-internal:true}") boolean servesInternal) {
        TokenErrors errors = new TokenErrors(json);
        ServiceTokenDecoder serviceTokens = new ServiceTokenDecoder(decoder);
        return tokensOnly(http.securityMatcher(new InternalSurface(servesInternal)), errors)
                .oauth2ResourceServer(server -> server.bearerTokenConverter(new TokenAuthenticationConverter())
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .jwt(jwt -> jwt.jwtDecoder(serviceTokens)))
                // The default converter turns scope "internal" into SCOPE_internal; the decoder already
                // refused anything else, this says what the surface needs.
                .authorizeExchange(
                        exchanges -> exchanges.anyExchange().hasAuthority("SCOPE_" + NewsroomClaims.INTERNAL))
                .build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    @ConditionalOnMissingBean(name = "newsroomSecurity")
    SecurityWebFilterChain newsroomSecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder decoder,
            ObjectProvider<AccessRules> rules,
            ObjectProvider<CorsConfigurationSource> cors,
            JsonMapper json) {
        TokenErrors errors = new TokenErrors(json);
        List<AccessRules> serviceRules = rules.orderedStream().toList();
        // Browsers talk to the gateway, which declares its CORS rules; preflights are answered before
        // any token is asked for. Services behind it declare none and answer no preflight.
        cors.ifAvailable(source -> http.cors(spec -> spec.configurationSource(source)));
        return tokensOnly(http, errors)
                .oauth2ResourceServer(server -> server.bearerTokenConverter(new TokenAuthenticationConverter())
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .jwt(jwt -> jwt.jwtDecoder(new UserTokenDecoder(decoder))
                                .jwtAuthenticationConverter(rolesConverter())))
                .authorizeExchange(exchanges -> {
                    serviceRules.forEach(rule -> rule.configure(exchanges));
                    exchanges.anyExchange().permitAll();
                })
                .build();
    }

    private static ReactiveJwtAuthenticationConverterAdapter rolesConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(NewsroomClaims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /**
     * What both chains share: a bearer token on each request is the only credential, so no session,
     * no CSRF token, no login or logout pages, no saved requests; refusals in the RealWorld shape.
     */
    private static ServerHttpSecurity tokensOnly(ServerHttpSecurity http, TokenErrors errors) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    }
}
