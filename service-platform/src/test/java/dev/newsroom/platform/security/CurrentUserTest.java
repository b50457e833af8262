package dev.newsroom.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The roles a service acts on are the ones the verified token names, each on its own. */
class CurrentUserTest {

    @Test
    void anEditorsTokenMakesAnEditorWhoIsNoModerator() {
        CurrentUser editor = CurrentUser.of(verified(TestTokens.editor().token()));

        assertThat(editor.isEditor()).isTrue();
        assertThat(editor.isModerator()).isFalse();
    }

    @Test
    void aModeratorIsNoEditor() {
        CurrentUser moderator = CurrentUser.of(verified(TestTokens.moderator().token()));

        assertThat(moderator.isModerator()).isTrue();
        assertThat(moderator.isEditor()).isFalse();
    }

    @Test
    void aTokenMayCarryBothRoles() {
        TestTokens.User someone = TestTokens.newUser();
        String token = TestTokens.issue(someone.id(), someone.username(), CurrentUser.EDITOR, CurrentUser.MODERATOR);

        CurrentUser both = CurrentUser.of(verified(token));

        assertThat(both.isEditor()).isTrue();
        assertThat(both.isModerator()).isTrue();
        assertThat(both.id()).isEqualTo(someone.id());
        assertThat(both.username()).isEqualTo(someone.username());
    }

    @Test
    void aPlainUserHoldsNoRole() {
        CurrentUser writer = CurrentUser.of(verified(TestTokens.newUser().token()));

        assertThat(writer.roles()).isEmpty();
        assertThat(writer.isEditor()).isFalse();
        assertThat(writer.isModerator()).isFalse();
    }

    private static Jwt verified(String token) {
        return new TestTokens.Verification().testJwtDecoder().decode(token).block(Duration.ofSeconds(10));
    }
}
