package dev.newsroom.user;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * user-service's own settings ({@code newsroom.users.*} in application.yml).
 *
 * @param moderators usernames that always hold the moderator role
 * @param editors usernames that always hold the editor role, so a new desk has an editor to grant it
 * @param tokenLifetime how long an issued token is valid
 * @param privateKey a PEM RSA private key (PKCS#8) to sign with; unset means a key generated on first
 *     start and kept in the service's database
 * @param publicKey the PEM public key matching {@code privateKey}
 * @param loginThrottle how many failed sign-ins are tolerated before the next ones are refused
 * @param serviceClients who may get a service token, {@code id:secret,id:secret} (the gateway, operators);
 *     empty: nobody
 * @param serviceTokenLifetime how long a service token is valid; the gateway renews its own ahead
 */
@ConfigurationProperties("newsroom.users")
public record UserServiceProperties(
        @DefaultValue List<String> moderators,
        @DefaultValue List<String> editors,
        @DefaultValue("24h") Duration tokenLifetime,
        Resource privateKey,
        Resource publicKey,
        @DefaultValue LoginLimits loginThrottle,
        @DefaultValue("") String serviceClients,
        @DefaultValue("10m") Duration serviceTokenLifetime) {

    /**
     * @param perAccount failures allowed for one email within {@code window}
     * @param perAddress failures allowed from one client address within {@code window}
     * @param window how long failures are remembered; the refusal ends with it
     */
    public record LoginLimits(
            @DefaultValue("5") int perAccount,
            @DefaultValue("30") int perAddress,
            @DefaultValue("15m") Duration window) {}
}
