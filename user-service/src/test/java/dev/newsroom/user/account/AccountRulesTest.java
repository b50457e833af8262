package dev.newsroom.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

    @Test
    void blankFieldsAreEachReportedAsCantBeBlank() {
        assertThat(AccountRules.checkRegistration(" ", null, ""))
                .containsEntry("username", List.of("can't be blank"))
                .containsEntry("email", List.of("can't be blank"))
                .containsEntry("password", List.of("can't be blank"));
    }

    @Test
    void aValidRegistrationHasNoProblems() {
        assertThat(AccountRules.checkRegistration("ada_l-1", "ada@example.org", "correct horse"))
                .isEmpty();
    }

    @Test
    void badValuesGetAClearMessagePerField() {
        assertThat(AccountRules.checkRegistration("ada lovelace", "not-an-email", "short"))
                .containsEntry("username", List.of("may only contain letters, digits, '-' and '_'"))
                .containsEntry("email", List.of("is invalid"))
                .containsEntry("password", List.of("is too short (minimum is 8 characters)"));
    }

    @Test
    void tooLongValuesAreRefused() {
        assertThat(AccountRules.checkRegistration("a".repeat(33), "a@b.co", "é".repeat(37)))
                .containsEntry("username", List.of("is too long (maximum is 32 characters)"))
                .containsEntry("password", List.of("is too long (maximum is 72 bytes)"));
    }

    @Test
    void anUpdateChecksOnlyWhatIsPresentAndAllowsClearingBioAndImage() {
        assertThat(AccountRules.checkUpdate(null, null, null, "", "")).isEmpty();
        assertThat(AccountRules.checkUpdate("", null, null, null, null))
                .containsEntry("username", List.of("can't be blank"));
        assertThat(AccountRules.checkUpdate(null, null, null, null, "javascript:alert(1)"))
                .containsEntry("image", List.of("must be an http or https URL"));
        assertThat(AccountRules.checkUpdate(null, null, null, "b".repeat(1001), "https://img.example.org/a.png"))
                .containsOnlyKeys("bio");
    }

    @Test
    void usernamesAndEmailsCompareCaseInsensitively() {
        assertThat(AccountRules.usernameKey(" Ada ")).isEqualTo("ada");
        assertThat(AccountRules.emailKey("Ada@Example.ORG")).isEqualTo("ada@example.org");
    }
}
