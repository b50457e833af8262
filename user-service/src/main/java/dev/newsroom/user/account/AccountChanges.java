package dev.newsroom.user.account;

import dev.newsroom.platform.web.RequestFields.Change;

/**
 * The fields of {@code PUT /api/user}: a {@code null} email, username or password means "leave it as
 * it is" (they cannot be blanked); {@code bio} and {@code image} say whether to leave, clear or set
 * them, because for those {@code null} is a value.
 */
public record AccountChanges(String email, String username, String password, Change bio, Change image) {}
