package dev.newsroom.platform.security;

/** The claims user-service puts in a token beside the standard ones. */
public final class NewsroomClaims {

    public static final String USERNAME = "username";
    public static final String ROLES = "roles";
    public static final String ISSUER = "newsroom";

    /** The standard OAuth2 claim a service token carries its one scope in ({@link #INTERNAL}). */
    public static final String SCOPE = "scope";

    /**
     * The scope and audience of a service token: what the gateway and operators present on {@code
     * /internal/**} and the state-changing management endpoints. A user's token never carries either.
     */
    public static final String INTERNAL = "internal";

    /** The audience of a service token: the suite's internal surface, never its public API. */
    public static final String INTERNAL_AUDIENCE = "newsroom-internal";

    private NewsroomClaims() {}
}
