package dev.newsroom.platform.security;

/** The claims user-service puts in a token beside the standard ones. */
public final class NewsroomClaims {

    public static final String USERNAME = "username";
    public static final String ROLES = "roles";
    public static final String ISSUER = "newsroom";

    private NewsroomClaims() {}
}
