package dev.newsroom.user.account;

/** An account as others see it, with whether the viewer follows it. */
public record Profile(String id, String username, String bio, String image, boolean following) {

    static Profile of(Account account, boolean following) {
        return new Profile(account.id(), account.username(), account.bio(), account.image(), following);
    }
}
