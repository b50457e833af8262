package dev.newsroom.user.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dev.newsroom.user.UserServiceProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The signing key, the encoder that signs with it, the public JWK set other services verify
 * against, and this service's own decoder (it verifies with the public key directly instead of
 * fetching its own JWK set over HTTP).
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TokenConfiguration.class);

    @Bean
    SigningKey signingKey(SigningKeyRepository keys, UserServiceProperties properties) {
        return new SigningKeyStore(keys, properties).load();
    }

    @Bean
    JWKSet publicJwkSet(SigningKey key) {
        return new JWKSet(rsaKey(key).toPublicJWK());
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKey key, UserServiceProperties properties) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(rsaKey(key))));
        return new TokenIssuer(
                encoder, key.keyId(), properties.tokenLifetime(), properties.serviceTokenLifetime(), Clock.systemUTC());
    }

    @Bean
    ServiceClients serviceClients(UserServiceProperties properties) {
        ServiceClients clients = ServiceClients.parse(properties.serviceClients());
        if (clients.isEmpty()) {
            log.warn("No SERVICE_CLIENTS configured: nobody can get a service token, so the gateway's feed"
                    + " and every /internal/** call will be refused");
        } else {
            log.info("{} service client(s) may get a service token", clients.size());
        }
        return clients;
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SigningKey key) {
        return NimbusReactiveJwtDecoder.withPublicKey(key.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
    }

    private static RSAKey rsaKey(SigningKey key) {
        return new RSAKey.Builder(key.publicKey())
                .privateKey(key.privateKey())
                .keyID(key.keyId())
                .build();
    }
}
