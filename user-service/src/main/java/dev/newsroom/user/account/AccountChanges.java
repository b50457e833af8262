package dev.newsroom.user.account;

/**
 * The fields of {@code PUT /api/user}: {@code null} means "leave it as it is"; an empty bio or image
 * clears it.
 */
public record AccountChanges(String email, String username, String password, String bio, String image) {}
