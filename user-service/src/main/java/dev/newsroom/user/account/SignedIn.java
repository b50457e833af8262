package dev.newsroom.user.account;

/** An account together with a freshly signed token for it. */
public record SignedIn(Account account, String token) {}
