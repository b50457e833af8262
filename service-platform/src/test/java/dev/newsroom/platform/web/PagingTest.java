package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

    @Test
    void absentOrEmptyMeansTheDefault() {
        assertThat(Paging.limit(null)).isNull();
        assertThat(Paging.limit("")).isNull();
        assertThat(Paging.offset(null)).isNull();
        assertThat(Paging.offset("")).isNull();
    }

    @Test
    void aLimitAboveTheLargestPageIsThatPageHoweverManyDigitsItHas() {
        assertThat(Paging.limit("1")).isEqualTo(1);
        assertThat(Paging.limit("007")).isEqualTo(7);
        assertThat(Paging.limit("100")).isEqualTo(100);
        assertThat(Paging.limit("101")).isEqualTo(100);
        assertThat(Paging.limit("9".repeat(2000))).isEqualTo(100);
    }

    @Test
    void anOffsetIsTakenUpToTheLargestIntAndRefusedBeyond() {
        assertThat(Paging.offset("0")).isZero();
        assertThat(Paging.offset("000")).isZero();
        assertThat(Paging.offset("2147483647")).isEqualTo(Integer.MAX_VALUE);
        for (String beyond : List.of("2147483648", "9".repeat(30))) {
            assertThatThrownBy(() -> Paging.offset(beyond))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            refused -> assertThat(refused.errors())
                                    .isEqualTo(Map.of("offset", List.of("must be at most 2147483647"))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "00", "-1", "+5", " 5", "5 ", "1.5", "1e3", "5,6", "0x10", "abc", "５", "٣"})
    void aLimitThatIsNotAWholeNumberOfAtLeastOneIsRefusedNamingIt(String limit) {
        assertThatThrownBy(() -> Paging.limit(limit))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.errors()).isEqualTo(Map.of("limit", List.of(Paging.LIMIT_RULE))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+0", "1.5", "abc", " 1", "٣"})
    void anOffsetThatIsNotAWholeNumberIsRefusedNamingIt(String offset) {
        assertThatThrownBy(() -> Paging.offset(offset))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused ->
                                assertThat(refused.errors()).isEqualTo(Map.of("offset", List.of(Paging.OFFSET_RULE))));
    }
}
